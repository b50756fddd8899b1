package org.aftersaleshub.timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that tests move forward ({@link #advance}); the hub's clock only when the
 * test-only setting {@code hub.clock.test-offset} is present. Deadlines hours away are reached without sleeping.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset;

    public MovableClock(Duration initialOffset) {
        this.offset = new AtomicReference<>(initialOffset);
    }

    /** Moves this clock forward (or back, with a negative amount). */
    public void advance(Duration amount) {
        offset.updateAndGet(o -> o.plus(amount));
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub's clock is UTC; convert instants where a zone is needed");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
