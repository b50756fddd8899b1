package org.aftersaleshub.timers;

import java.time.Instant;

/**
 * One durable timer.
 *
 * @param kind     who handles it ({@link TimerHandler#kind()}), e.g. {@code sla}
 * @param subject  what it is about, e.g. a ticket id
 * @param key      which deadline of the subject, e.g. {@code response:1}
 * @param dueAt    when it is due
 */
public record DueTimer(long id, String kind, String subject, String key, Instant dueAt) {
}
