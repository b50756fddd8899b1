package org.aftersaleshub.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook receiver in the benchmark JVM: answers 200 to every delivery and counts them. When asked
 * ({@link #recordArrivals()}), it also notes when the {@code TicketCreated} event of each ticket arrived, as
 * {@link System#nanoTime()} of this JVM taken first thing in the handler, so that a client in the same JVM can
 * compare it with the moment its 201 arrived on one clock. A path given to {@link #track} is followed by its own
 * {@link HookLog}, which may also refuse some attempts (the fault-isolation benchmark).
 */
final class WebhookReceiver implements AutoCloseable {

    /** The header the hub names the event type in (hub {@code WebhookRequest.EVENT_TYPE_HEADER}). */
    static final String EVENT_TYPE_HEADER = "X-Hub-Event-Type";
    static final String TICKET_CREATED = "TicketCreated";
    /** The event id, the same on every attempt (hub {@code WebhookRequest.IDEMPOTENCY_HEADER}). */
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** The envelope's ordering key, the ticket id, at the top level of every ticket event. */
    private static final Pattern TICKET_ID = Pattern.compile("\"ticketId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicLong delivered = new AtomicLong();
    private final Map<String, Long> createdArrivals = new ConcurrentHashMap<>();
    private final Map<String, HookLog> tracked = new ConcurrentHashMap<>();
    private volatile boolean recording;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(executor);
        server.createContext("/hooks/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (recording && TICKET_CREATED.equals(exchange.getRequestHeaders().getFirst(EVENT_TYPE_HEADER))) {
            Matcher m = TICKET_ID.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                createdArrivals.putIfAbsent(m.group(1), arrived); // a redelivery does not move the first arrival
            }
        }
        delivered.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        HookLog log = tracked.get(path.substring(path.lastIndexOf('/') + 1));
        int status = log == null ? 200
                : log.arrive(exchange.getRequestHeaders().getFirst(IDEMPOTENCY_HEADER), body, arrived);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    String url(String hook) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + hook;
    }

    /**
     * From now on, follow {@code /hooks/<hook>} with its own log, refusing the share {@code failRatio} of its
     * events' first attempts with 503 (0: none).
     */
    HookLog track(String hook, double failRatio) {
        HookLog log = new HookLog(failRatio);
        tracked.put(hook, log);
        return log;
    }

    /** From now on, note the arrival of each ticket's {@code TicketCreated} webhook. */
    void recordArrivals() {
        recording = true;
    }

    /** When the ticket's {@code TicketCreated} webhook first arrived ({@link System#nanoTime()}), or null. */
    Long createdArrival(String ticketId) {
        return createdArrivals.get(ticketId);
    }

    /** Webhook requests answered so far (every event, every attempt). */
    long delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
