package org.aftersaleshub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs one operation in a closed loop on N threads: a warm-up whose results are dropped, then a measured window.
 * Each thread does its operation back to back (the next one starts when the previous answered), so the rate is
 * what the system sustains with N callers, not an offered rate.
 */
final class Load {

    /** One operation; throws on failure. Each thread gets its own instance (its own connection, statements). */
    interface Operation extends AutoCloseable {
        void run() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface OperationFactory {
        Operation create(int thread) throws Exception;
    }

    private Load() {
    }

    static LoadResult run(String name, int threads, Duration warmup, Duration measure, OperationFactory factory)
            throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong firstError = new AtomicLong();
        List<String> errorSamples = new ArrayList<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try (Operation op = factory.create(n)) {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        boolean success;
                        try {
                            op.run();
                            success = true;
                        } catch (Exception e) {
                            success = false;
                            if (firstError.getAndIncrement() < 5) {
                                synchronized (errorSamples) {
                                    errorSamples.add(e.toString());
                                }
                            }
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end) {
                            if (success) {
                                ok.incrementAndGet();
                                recorder.recordValue(Math.max(1, (t1 - t0) / 1000));
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } catch (Exception e) {
                    synchronized (errorSamples) {
                        errorSamples.add("thread " + n + " could not start: " + e);
                    }
                } finally {
                    done.countDown();
                }
            }, name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        long totalMs = warmup.plus(measure).toMillis();
        if (!done.await(totalMs + 120_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + ": workers still running 2 minutes after the window closed");
        }
        if (!errorSamples.isEmpty()) {
            System.out.println(name + ": first errors: " + errorSamples);
        }
        Histogram h = recorder.getIntervalHistogram();
        return new LoadResult(ok.get(), errors.get(), measure, h);
    }
}
