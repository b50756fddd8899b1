/**
 * Durable, cluster-safe timers (到期提醒) and the hub's clock: deadlines are rows in {@code due_timer}; a scan every
 * {@code hub.timers.scan-interval} takes due rows with {@code for update skip locked} and hands each to the
 * {@link org.aftersaleshub.timers.TimerHandler} of its kind in one transaction with the row's state change, so a
 * timer fires once across hub instances, and late (flagged) after a hub was down at its deadline — never twice,
 * never not at all. Every time here is read from the injectable {@link java.time.Clock} ({@link ClockConfiguration}).
 */
package org.aftersaleshub.timers;
