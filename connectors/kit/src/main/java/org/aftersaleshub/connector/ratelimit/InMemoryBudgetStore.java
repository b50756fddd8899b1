package org.aftersaleshub.connector.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Budgets of one process: per budget, the times of the grants still inside the window (a sliding log of at most
 * {@code permits} entries). Right for a single process — connector tests, plain Camel; several hub instances use
 * the hub's database store instead.
 */
public final class InMemoryBudgetStore implements BudgetStore {

    private final Map<String, ArrayDeque<Long>> grants = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public InMemoryBudgetStore() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests pass one they move by hand) */
    public InMemoryBudgetStore(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public Grant tryAcquire(String budget, Limit limit, int permits) {
        BudgetStore.checkPermits(limit, permits);
        ArrayDeque<Long> log = grants.computeIfAbsent(budget, b -> new ArrayDeque<>());
        synchronized (log) {
            long now = nanoTime.getAsLong();
            long period = limit.period().toNanos();
            forget(log, now, period);
            int over = log.size() + permits - limit.permits();
            if (over <= 0) {
                for (int i = 0; i < permits; i++) {
                    log.addLast(now);
                }
                return Grant.GRANTED;
            }
            // the over-th oldest grant has to leave the window before enough permits are free
            Iterator<Long> oldestFirst = log.iterator();
            long leaving = 0;
            for (int i = 0; i < over; i++) {
                leaving = oldestFirst.next();
            }
            return Grant.denied(Duration.ofNanos(leaving + period - now));
        }
    }

    @Override
    public int available(String budget, Limit limit) {
        ArrayDeque<Long> log = grants.get(budget);
        if (log == null) {
            return limit.permits();
        }
        synchronized (log) {
            forget(log, nanoTime.getAsLong(), limit.period().toNanos());
            return Math.max(0, limit.permits() - log.size());
        }
    }

    /** Drops the grants that have left the window. */
    private static void forget(ArrayDeque<Long> log, long now, long period) {
        while (!log.isEmpty() && now - log.peekFirst() >= period) {
            log.pollFirst();
        }
    }
}
