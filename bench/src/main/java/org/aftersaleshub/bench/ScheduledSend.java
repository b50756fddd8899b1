package org.aftersaleshub.bench;

/**
 * One ticket creation of an open-loop schedule (request i at start + i / rate, whatever earlier answers did), as the
 * latency and fault-isolation benchmarks send them. The times are {@link System#nanoTime()} of this JVM, 0 until
 * they happen.
 */
final class ScheduledSend {
    final boolean inWindow;
    final long scheduledAt;
    volatile long sentAt;
    volatile long answeredAt;
    volatile int status;
    volatile String ticketId;
    /** Why no answer came (the exception's class), or null. */
    volatile String failure;
    /** The answer to a follow-up request on the created ticket (0: none sent or no answer). */
    volatile int followUpStatus;

    ScheduledSend(boolean inWindow, long scheduledAt) {
        this.inWindow = inWindow;
        this.scheduledAt = scheduledAt;
    }

    boolean accepted() {
        return status == 201 && ticketId != null;
    }
}
