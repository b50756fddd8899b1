package org.aftersaleshub.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.webhook.WebhookRequest;

/**
 * A webhook receiver for tests: a WireMock server that answers {@code /hooks/<name>} and records, in arrival
 * order, every delivery it saw (event id, ticket, sequence, idempotency key, whether the signature verified),
 * plus the most requests it ever had in flight at once (proof of parallel delivery).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One delivery as the receiver saw it. */
    public record Delivery(String path, String eventId, String idempotencyKey, String ticketId, long sequence,
                           String type, String body, boolean signatureValid) {
    }

    private volatile WireMockServer server;
    private final int port;
    private final Map<String, String> secrets;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, List<Long>> sequencesByTicket = new ConcurrentHashMap<>();

    /** @param secrets webhook endpoint name → its HMAC secret (the path is /hooks/&lt;name&gt;) */
    public WebhookReceiver(Map<String, String> secrets) {
        this.secrets = new java.util.LinkedHashMap<>(secrets);
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40)
                .extensions(new Recorder()));
        server.start();
        port = server.port();
        answer(200, 0);
    }

    /** The receiver goes down: connections are refused until {@link #start()}, as when its host is unreachable. */
    public void stop() {
        server.stop();
    }

    /** The receiver is back, on the same port (the hub's configured URL), answering 200. */
    public void start() {
        server = new WireMockServer(options().port(port).bindAddress("127.0.0.1").containerThreads(40)
                .extensions(new Recorder()));
        server.start();
        answer(200, 0);
    }

    /** Hooks with these names, each with a secret of its own. */
    public static WebhookReceiver withHooks(String... names) {
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        for (String n : names) {
            secrets.put(n, n + "-secret-" + java.util.UUID.randomUUID());
        }
        return new WebhookReceiver(secrets);
    }

    /**
     * Points a hub under test at the repository's outbound-webhook route and at these hooks, as
     * {@code hub.webhooks.endpoints[i]} in the order they were given.
     */
    public void register(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "outbound-webhook.yaml");
        int i = 0;
        for (var hook : secrets.entrySet()) {
            String prefix = "hub.webhooks.endpoints[" + i++ + "].";
            r.add(prefix + "name", hook::getKey);
            r.add(prefix + "url", () -> url(hook.getKey()));
            r.add(prefix + "secret", hook::getValue);
        }
    }

    /** All hooks answer this status after a fixed delay. */
    public void answer(int status, int delayMs) {
        server.resetMappings();
        server.resetScenarios();
        server.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(status)
                .withFixedDelay(delayMs).withBody(status >= 400 ? "receiver says no" : "ok")));
    }

    /** One hook answers this status; the others keep their stub. */
    public void answer(String name, int status) {
        server.stubFor(post(urlPathMatching("/hooks/" + name)).atPriority(1).willReturn(aResponse().withStatus(status)
                .withBody(status >= 400 ? "receiver says no" : "ok")));
    }

    /** One hook answers this status with this body (e.g. one that quotes the request, as some receivers do). */
    public void answer(String name, int status, String body) {
        server.stubFor(post(urlPathMatching("/hooks/" + name)).atPriority(1).willReturn(aResponse().withStatus(status)
                .withBody(body)));
    }

    /** The hook answers {@code status} to the next {@code times} requests, then 200 again. */
    public void failTimes(String name, int times, int status) {
        String scenario = "fail-" + name;
        for (int i = 0; i < times; i++) {
            server.stubFor(post(urlPathMatching("/hooks/" + name)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "f" + i)
                    .willSetStateTo("f" + (i + 1))
                    .willReturn(aResponse().withStatus(status).withBody("receiver says no")));
        }
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port + "/hooks/" + name;
    }

    /** Successful deliveries (2xx answered) in arrival order. */
    public List<Delivery> deliveries() {
        return Collections.unmodifiableList(deliveries);
    }

    public List<Delivery> deliveriesTo(String name) {
        return deliveries.stream().filter(d -> d.path().equals("/hooks/" + name)).toList();
    }

    /** Deliveries of one ticket's events to one hook, in arrival order. */
    public List<Delivery> deliveriesTo(String name, String ticketId) {
        return deliveriesTo(name).stream().filter(d -> ticketId.equals(d.ticketId())).toList();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Per ticket, the sequences of the events in the order they arrived (successful deliveries only). */
    public Map<String, List<Long>> sequencesByTicket() {
        return sequencesByTicket;
    }

    /** A snapshot of one ticket's arrival order (successful deliveries), safe while deliveries still arrive. */
    public List<Long> sequencesOf(String ticketId) {
        synchronized (sequencesByTicket) {
            List<Long> seqs = sequencesByTicket.get(ticketId);
            return seqs == null ? List.of() : List.copyOf(seqs);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Recorder implements ServeEventListener {
        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
        }

        @Override
        public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
            var req = serveEvent.getRequest();
            var stub = serveEvent.getStubMapping();
            int status = stub == null ? 404 : stub.getResponse().getStatus();
            if (status >= 200 && status < 300) {
                String path = req.getUrl();
                String name = path.substring(path.lastIndexOf('/') + 1);
                String body = req.getBodyAsString();
                String ts = req.getHeader(WebhookRequest.TIMESTAMP_HEADER);
                String sig = req.getHeader(WebhookRequest.SIGNATURE_HEADER);
                boolean valid = secrets.containsKey(name) && ts != null && sig != null
                        && sig.equals("sha256=" + WebhookRequest.sign(secrets.get(name), ts, body));
                try {
                    JsonNode env = mapper.readTree(body);
                    String ticket = env.path("ticketId").asText(null);
                    long seq = env.path("sequence").asLong();
                    synchronized (sequencesByTicket) {
                        // sequences first: a test that waits for N deliveries then reads the sequences sees all N
                        if (ticket != null) {
                            sequencesByTicket.computeIfAbsent(ticket, t -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(seq);
                        }
                        deliveries.add(new Delivery(path, env.path("eventId").asText(),
                                req.getHeader(WebhookRequest.IDEMPOTENCY_HEADER), ticket, seq, env.path("type").asText(),
                                body, valid));
                    }
                } catch (Exception e) {
                    deliveries.add(new Delivery(path, null, null, null, -1, null, body, false));
                }
            }
        }

        @Override
        public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
            inFlight.decrementAndGet();
        }

        @Override
        public String getName() {
            return "delivery-recorder";
        }
    }
}
