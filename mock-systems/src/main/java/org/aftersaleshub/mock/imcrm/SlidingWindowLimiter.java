package org.aftersaleshub.mock.imcrm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts events per key in a sliding time window measured on the mock clock (milliseconds), so a test can
 * cross a window by advancing the clock instead of waiting.
 */
public final class SlidingWindowLimiter {

    private final Map<String, Deque<Long>> events = new HashMap<>();

    /**
     * Records an event for {@code key} at {@code nowMs} if fewer than {@code limit} events happened in the
     * window ending now, and says whether it was admitted.
     */
    public synchronized boolean tryAcquire(String key, long nowMs, int limit, long windowMs) {
        Deque<Long> q = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst() <= nowMs - windowMs) {
            q.pollFirst();
        }
        if (q.size() >= limit) {
            return false;
        }
        q.addLast(nowMs);
        return true;
    }

    /** How many events for {@code key} fall in the window ending at {@code nowMs}. */
    public synchronized int count(String key, long nowMs, long windowMs) {
        Deque<Long> q = events.get(key);
        if (q == null) {
            return 0;
        }
        return (int) q.stream().filter(t -> t > nowMs - windowMs).count();
    }

    public synchronized void clear() {
        events.clear();
    }
}
