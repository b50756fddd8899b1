package org.aftersaleshub.imcallback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.support.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The threads that process stored callbacks ({@link CallbackProcessor}). A stored callback wakes them at once, so a
 * click takes effect within milliseconds of its answer; without a wake-up (a callback stored by another hub instance,
 * one waiting for a retry) they look every {@code hub.callbacks.poll-interval}. Every hub instance may run them:
 * rows are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL. On H2 (one process owns the file) one thread runs.
 */
@Component
public class CallbackWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallbackWorker.class);

    private final CallbackProcessor processor;
    private final CallbackProperties properties;
    private final InboundCallbacks store;
    private final int threads;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    CallbackWorker(CallbackProcessor processor, CallbackProperties properties, InboundCallbacks store,
                   Database database) {
        this.processor = processor;
        this.properties = properties;
        this.store = store;
        this.threads = database.isPostgres() ? properties.workers() : 1;
    }

    /** Called when a callback was stored (and committed): one idle thread starts on it. */
    public void wake() {
        if (wakeUp.availablePermits() < threads) {
            wakeUp.release();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void startWhenReady() {
        if (!properties.workerEnabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "im-callbacks-" + (i + 1));
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    private void loop() {
        long backoffMs = 100;
        while (running) {
            try {
                if (!processor.processNext()) {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                backoffMs = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Callback processing cannot reach the store; stored callbacks wait: {}",
                        e.getClass().getSimpleName());
                backoffMs = Math.min(backoffMs * 2, 5_000);
                try {
                    Thread.sleep(backoffMs); // back off from a database that is down
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Forgets used card signatures once they are stale anyway, and old processed callbacks. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void purge() {
        Instant now = Instant.now();
        int n = store.purge(now.minus(properties.timestampWindow().multipliedBy(2)), now.minus(properties.retention()));
        if (n > 0) {
            log.debug("Purged {} used card signatures and old processed callbacks", n);
        }
    }

    @Override
    public void start() {
        // started on ApplicationReadyEvent, see startWhenReady
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread t : workers) {
            t.interrupt();
        }
        for (Thread t : workers) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the database goes away, like the outbox relay
        return Integer.MAX_VALUE - 100;
    }
}
