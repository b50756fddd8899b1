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
 * what the system sustains with N callers, not an offered rate. {@link #runAll} does a fixed list of items instead
 * of a time window.
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

    /** Told when the measured window opens and closes, on time, from the thread that started the load. */
    interface Window {
        Window NONE = new Window() {
        };

        default void opens() {
        }

        default void closes() {
        }
    }

    private Load() {
    }

    static LoadResult run(String name, int threads, Duration warmup, Duration measure, OperationFactory factory)
            throws Exception {
        return run(name, threads, warmup, measure, factory, Window.NONE);
    }

    /**
     * Closed loop on N threads: warm-up, then the measured window; {@code window} is told when the window opens and
     * closes. Returns when every thread has finished its last operation (those still running at the close are not
     * counted).
     */
    static LoadResult run(String name, int threads, Duration warmup, Duration measure, OperationFactory factory,
                          Window window) throws Exception {
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
        sleepUntil(measureFrom);
        window.opens();
        sleepUntil(end);
        window.closes();
        if (!done.await(120_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + ": workers still running 2 minutes after the window closed");
        }
        if (!errorSamples.isEmpty()) {
            System.out.println(name + ": first errors: " + errorSamples);
        }
        Histogram h = recorder.getIntervalHistogram();
        return new LoadResult(ok.get(), errors.get(), measure, h);
    }

    /** Sleeps until {@link System#nanoTime()} reaches {@code deadline}. */
    static void sleepUntil(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** One operation on one item of a fixed list; throws on failure. */
    interface ItemOperation<T> {
        void run(T item) throws Exception;
    }

    /**
     * Runs a fixed list of items once each, spread over N threads (thread i takes items i, i+N, ...), each thread
     * closed-loop. The window is from the start of the first operation to the end of the last one, so
     * {@link LoadResult#perSecond()} is the rate of the whole batch. No warm-up: a fixed amount of work.
     */
    static <T> LoadResult runAll(String name, int threads, List<T> items, ItemOperation<T> op) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = new ArrayList<>();
        AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int k = n; k < items.size(); k += threads) {
                        long t0 = System.nanoTime();
                        firstStart.accumulateAndGet(t0, Math::min);
                        try {
                            op.run(items.get(k));
                            long t1 = System.nanoTime();
                            ok.incrementAndGet();
                            recorder.recordValue(Math.max(1, (t1 - t0) / 1000));
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            synchronized (errorSamples) {
                                if (errorSamples.size() < 5) {
                                    errorSamples.add(e.toString());
                                }
                            }
                        }
                        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, name + "-" + i);
            t.setDaemon(true);
            t.start();
        }
        go.countDown();
        if (!done.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + ": " + items.size() + " items not done in 30 minutes");
        }
        if (!errorSamples.isEmpty()) {
            System.out.println(name + ": first errors: " + errorSamples);
        }
        Duration window = Duration.ofNanos(Math.max(1, lastEnd.get() - firstStart.get()));
        return new LoadResult(ok.get(), errors.get(), window, recorder.getIntervalHistogram());
    }
}
