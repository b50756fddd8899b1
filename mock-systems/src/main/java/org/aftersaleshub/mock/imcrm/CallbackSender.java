package org.aftersaleshub.mock.imcrm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mock playing the platform: sends callbacks to the hub with {@link HttpClient}, judges each reply, and
 * re-sends on a bad or late reply after configurable delays (DingTalk: 10 s then 30 s more). Every attempt and
 * the hub's reply are recorded for {@code /mock-admin/state}.
 *
 * <p>Re-send delays run on real time (a scheduler), not on the mock clock: tests shrink them through each
 * mock's config instead.
 */
public final class CallbackSender implements AutoCloseable {

    /** One HTTP request to send. */
    public record Outgoing(String method, URI uri, Map<String, String> headers, String body) {
    }

    /** Builds the request for an attempt and judges the reply. */
    public interface Exchange {
        /** The request for attempt {@code attempt} (1 = first send). */
        Outgoing request(int attempt);

        /** {@code null} when the reply is accepted, else why it is not. */
        String verify(int status, String body, int attempt);
    }

    /** One attempt as recorded in state. {@code replyStatus} is null when no reply arrived. */
    public record Attempt(String deliveryId, String kind, int attempt, long sentAtMillis, String method, String url,
                          Map<String, String> headers, String requestBody, Integer replyStatus, String replyBody,
                          long elapsedMs, boolean accepted, String verdict) {
    }

    private final String threadName;
    private final Clock clock;
    private final List<Attempt> attempts = new ArrayList<>();
    private final Set<ScheduledFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicLong deliverySeq = new AtomicLong();
    private volatile HttpClient http;
    private volatile ScheduledThreadPoolExecutor scheduler;

    /**
     * @param threadName names the re-send thread
     * @param clock      the mock clock, for the recorded send times
     */
    public CallbackSender(String threadName, Clock clock) {
        this.threadName = threadName;
        this.clock = clock;
    }

    /**
     * Sends attempt 1 now and returns its record; when it fails, schedules attempt 2 after
     * {@code retryDelaysMs[0]}, attempt 3 after {@code retryDelaysMs[1]} more, and so on.
     *
     * @param kind           what is being sent (e.g. {@code event:check_url}), for the record
     * @param replyTimeoutMs a reply later than this is a failure ("late")
     */
    public Attempt deliver(String kind, Exchange exchange, long replyTimeoutMs, List<Long> retryDelaysMs) {
        String id = kind + "#" + deliverySeq.incrementAndGet();
        return attempt(id, kind, exchange, 1, replyTimeoutMs, List.copyOf(retryDelaysMs), generation.get());
    }

    /**
     * Like {@link #deliver} but sends attempt 1 from the sender's own thread, so a business request that caused
     * the callback (a CRM record change) is answered first, as the real platform does.
     */
    public void deliverAsync(String kind, Exchange exchange, long replyTimeoutMs, List<Long> retryDelaysMs) {
        String id = kind + "#" + deliverySeq.incrementAndGet();
        int gen = generation.get();
        List<Long> delays = List.copyOf(retryDelaysMs);
        schedule(0, gen, () -> attempt(id, kind, exchange, 1, replyTimeoutMs, delays, gen));
    }

    /**
     * Runs {@code send} on the sender's thread after {@code delayMs}, unless a {@link #clear()} (a new generation)
     * came in between; counted in {@link #pendingRetries()} until it runs.
     */
    private void schedule(long delayMs, int gen, Runnable send) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        synchronized (pending) {
            self[0] = scheduler().schedule(() -> {
                synchronized (pending) {
                    pending.remove(self[0]);
                }
                if (gen == generation.get()) {
                    send.run();
                }
            }, delayMs, TimeUnit.MILLISECONDS);
            pending.add(self[0]);
        }
    }

    private Attempt attempt(String id, String kind, Exchange exchange, int n, long timeoutMs, List<Long> delays,
                            int gen) {
        Outgoing out = exchange.request(n);
        long sentAt = clock.millis();
        long start = System.nanoTime();
        Integer status = null;
        String body = null;
        String verdict;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(out.uri()).timeout(Duration.ofMillis(timeoutMs));
            out.headers().forEach(b::header);
            b.method(out.method(), out.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(out.body(), StandardCharsets.UTF_8));
            HttpResponse<String> res = client().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            status = res.statusCode();
            body = res.body();
            verdict = exchange.verify(status, body, n);
        } catch (HttpTimeoutException e) {
            verdict = "no reply within " + timeoutMs + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = "interrupted";
        } catch (Exception e) {
            verdict = "transport error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        Attempt a = new Attempt(id, kind, n, sentAt, out.method(), out.uri().toString(), out.headers(), out.body(),
                status, body, elapsed, verdict == null, verdict == null ? "accepted" : verdict);
        synchronized (attempts) {
            if (gen != generation.get()) {
                return a; // a reset happened while this attempt was in flight: forget it
            }
            attempts.add(a);
        }
        if (verdict != null && n - 1 < delays.size()) {
            schedule(delays.get(n - 1), gen, () -> attempt(id, kind, exchange, n + 1, timeoutMs, delays, gen));
        }
        return a;
    }

    /** Every attempt so far, oldest first. */
    public List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** Attempts of one kind, oldest first. */
    public List<Attempt> attempts(String kind) {
        return attempts().stream().filter(a -> a.kind().equals(kind)).toList();
    }

    /** Re-sends scheduled but not yet sent. */
    public int pendingRetries() {
        return pending.size();
    }

    /** A JSON-friendly summary for state(). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempts", attempts());
        m.put("pendingRetries", pendingRetries());
        return m;
    }

    /** Forgets all attempts and cancels pending re-sends. */
    public void clear() {
        generation.incrementAndGet();
        synchronized (pending) {
            pending.forEach(f -> f.cancel(false));
            pending.clear();
        }
        synchronized (attempts) {
            attempts.clear();
        }
    }

    @Override
    public void close() {
        clear();
        ScheduledThreadPoolExecutor s = scheduler;
        if (s != null) {
            s.shutdownNow();
        }
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    // HTTP/1.1: hub endpoints and WireMock receivers in tests need no h2c upgrade dance
                    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                }
                c = http;
            }
        }
        return c;
    }

    private ScheduledThreadPoolExecutor scheduler() {
        ScheduledThreadPoolExecutor s = scheduler;
        if (s == null) {
            synchronized (this) {
                if (scheduler == null) {
                    scheduler = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, threadName);
                        t.setDaemon(true);
                        return t;
                    });
                    scheduler.setRemoveOnCancelPolicy(true);
                }
                s = scheduler;
            }
        }
        return s;
    }
}
