package org.aftersaleshub.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A reading taken on a daemon thread of its own, at once on start and then every {@code interval}, so metric scrapes
 * and health calls read the last snapshot instead of asking the broker or the database themselves (route queues,
 * quota counts). Subclasses say what one reading is.
 */
public abstract class PeriodicSampler<S> implements SmartLifecycle {

    private final String threadName;
    private final Duration interval;
    // not guarded by this: subclasses synchronise their readings on this, and a long reading must not hold up stop
    private volatile ScheduledExecutorService sampler;

    protected PeriodicSampler(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /** Takes one reading and replaces the snapshot; also called directly (tests, an operator's refresh). */
    public abstract S sample();

    /** Releases what the readings held, after the thread stopped. */
    protected void afterStop() {
    }

    @Override
    public void start() {
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = sampler;
        sampler = null;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        afterStop();
    }

    @Override
    public boolean isRunning() {
        return sampler != null;
    }
}
