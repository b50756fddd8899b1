package org.aftersaleshub.mock.support;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every business request that reached a mock (admin calls excluded), counted as it arrived — before any fault was
 * applied, since a request answered with an injected 503 still reached the system. Tests assert on it that nothing
 * was sent ("no call reached the ERP") or how often one kind of call was made ("one material query"). Counters never
 * roll over; the entries themselves are kept only for the last {@value #RECENT} requests, for failure messages.
 * A benchmark running the mock in its own JVM can also {@link #listen} to every arrival, with the moment on its own
 * {@link System#nanoTime()} clock. Thread-safe.
 */
public final class RequestLog {

    private static final int RECENT = 100;

    /**
     * What kind of call a request was: the mock's operation name (as its FaultPlan knows it: {@code Save},
     * {@code inventory/batch_get}) or the path when it has none, and an optional subject the mock reads from the
     * body (the Kingdee form a query reads, {@code BD_MATERIAL}).
     */
    public record Call(String operation, String subject) {
        public String label() {
            return subject == null ? operation : operation + " " + subject;
        }
    }

    /** One request: when, its method and path, and its kind. */
    public record Entry(Instant at, String method, String path, Call call) {
        @Override
        public String toString() {
            return method + " " + path + " (" + call.label() + ")";
        }
    }

    /**
     * One business request as it arrived, for a {@link #listen listener}: {@code nanoTime} is
     * {@link System#nanoTime()} when the mock began serving it (before faults and before its handler), so a caller in
     * the same JVM can set it against its own moments (e.g. "the API answered" → "the card reached the platform").
     */
    public record Arrival(long nanoTime, MockRequest request, Call call) {
    }

    private final AtomicLong total = new AtomicLong();
    private volatile Consumer<Arrival> listener;
    private final Map<Call, LongAdder> counts = new ConcurrentHashMap<>();
    private final Deque<Entry> recent = new ArrayDeque<>();

    void record(Instant at, String method, String path, Call call) {
        total.incrementAndGet();
        counts.computeIfAbsent(call, c -> new LongAdder()).increment();
        synchronized (recent) {
            recent.addLast(new Entry(at, method, path, call));
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /**
     * Calls {@code listener} with every business request from now on (admin calls excluded), on the thread serving
     * it, before the request is handled: it must be quick and must not fail. {@code null} stops listening. One
     * listener at a time; a new one replaces the old. {@code reset} keeps it.
     */
    public void listen(Consumer<Arrival> listener) {
        this.listener = listener;
    }

    /** Tells the listener, if any, that a request arrived at {@code nanoTime}. */
    void arrived(long nanoTime, MockRequest request, Call call) {
        Consumer<Arrival> l = listener;
        if (l != null) {
            l.accept(new Arrival(nanoTime, request, call));
        }
    }

    void clear() {
        total.set(0);
        counts.clear();
        synchronized (recent) {
            recent.clear();
        }
    }

    /** Business requests since the mock started or was reset. */
    public long total() {
        return total.get();
    }

    /** Requests of the kinds {@code which} accepts. */
    public long count(Predicate<Call> which) {
        return counts.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** Requests of one operation, whatever their subject. */
    public long count(String operation) {
        return count(c -> c.operation().equals(operation));
    }

    /** Requests per kind ({@link Call#label()}), sorted. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((c, n) -> out.merge(c.label(), n.sum(), Long::sum));
        return out;
    }

    /** The last requests, oldest first. */
    public List<Entry> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    @Override
    public String toString() {
        return total() + " requests " + counts();
    }
}
