package org.aftersaleshub.mock.support;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every mock: a WireMock server whose single catch-all stub is answered by {@link #handle(MockRequest)},
 * plus the admin API every mock shares under {@code /mock-admin/}:
 * <ul>
 *   <li>{@code POST /mock-admin/reset} — forget all state, re-seed demo data</li>
 *   <li>{@code GET  /mock-admin/state} — the state snapshot ({@link #state()})</li>
 *   <li>{@code POST /mock-admin/seed} — load a data file (same shape as demo-data.json; adds to the state)</li>
 *   <li>{@code GET|POST|DELETE /mock-admin/faults} — list / add ({@link FaultPlan.Rule#fromMap}) / clear faults</li>
 *   <li>{@code POST /mock-admin/clock} — {@code {"advanceSeconds":7200}} or {@code {"set":"2026-01-01T00:00:00Z"}} or {@code {"reset":true}}</li>
 *   <li>{@code GET  /mock-admin/requests} — the business requests that reached the mock ({@link #requests()})</li>
 * </ul>
 * Subclasses add their own admin paths through {@link #handleAdmin(String, MockRequest)}.
 */
public abstract class HttpMock implements MockSystem {

    public static final String ADMIN_PREFIX = "/mock-admin/";

    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    protected final MockClock clock = new MockClock();
    protected final FaultPlan faults = new FaultPlan();
    private final RequestLog requests = new RequestLog();
    /** The mapper, clock and base URL, for the classes this mock delegates its API surfaces to. */
    protected final MockContext context = new MockContext(json, clock, this::baseUrl);
    private WireMockServer server;

    /** Answers one business request. Called concurrently: guard shared state. */
    protected abstract MockResponse handle(MockRequest request);

    /**
     * The operation name faults match against (e.g. {@code Save}, {@code otherout/add}); {@code null} means
     * the request is not subject to faults.
     */
    protected abstract String operationOf(MockRequest request);

    /**
     * Loads seed data: the whole demo-data.json (or a posted file of the same shape). A mock reads the shared
     * sections it needs ({@code parts}, {@code warehouses}, {@code staff}, ...) and its own section, if any,
     * under its {@link #name()}. Missing sections mean "nothing to seed", never an error.
     */
    protected abstract void seed(JsonNode data);

    /** Clears state; {@link #reset()} then re-seeds. */
    protected abstract void clearState();

    /**
     * What a request is about beyond its operation, for {@link #requests()} (the form a Kingdee query reads); null
     * when the operation says it all. Must not fail: a body it cannot read yields null.
     */
    protected String subjectOf(MockRequest request) {
        return null;
    }

    /** Extra admin endpoints; return {@code null} for unknown paths. */
    protected MockResponse handleAdmin(String subPath, MockRequest request) {
        return null;
    }

    @Override
    public synchronized void start(int port) {
        if (server != null) {
            throw new IllegalStateException(name() + " mock already started");
        }
        var config = options().bindAddress("127.0.0.1").containerThreads(64).jettyAcceptors(1)
                .maxRequestJournalEntries(200).extensions(new Dispatcher());
        config = port == 0 ? config.dynamicPort() : config.port(port);
        server = new WireMockServer(config);
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        reset();
    }

    @Override
    public int port() {
        if (server == null) {
            throw new IllegalStateException(name() + " mock not started");
        }
        return server.port();
    }

    @Override
    public void reset() {
        requests.clear();
        faults.clear();
        clock.reset();
        clearState();
        seed(DemoData.load());
    }

    @Override
    public MockClock clock() {
        return clock;
    }

    @Override
    public FaultPlan faults() {
        return faults;
    }

    /** Every business request that reached this mock since it started or was reset. */
    public RequestLog requests() {
        return requests;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    protected Instant now() {
        return clock.instant();
    }

    protected String toJson(Object o) {
        return context.toJson(o);
    }

    /** The request body as a JSON tree, or {@code null} when it does not parse (the caller answers "bad body"). */
    protected JsonNode readJsonOrNull(MockRequest req) {
        return context.readJsonOrNull(req);
    }

    private MockResponse admin(MockRequest req) throws Exception {
        String sub = req.path().substring(ADMIN_PREFIX.length());
        switch (sub) {
            case "reset" -> {
                reset();
                return MockResponse.json(200, "{\"reset\":true}");
            }
            case "state" -> {
                return MockResponse.json(200, toJson(state()));
            }
            case "seed" -> {
                seed(json.readTree(req.body()));
                return MockResponse.json(200, "{\"seeded\":true}");
            }
            case "faults" -> {
                switch (req.method()) {
                    case "POST" -> {
                        JsonNode body = json.readTree(req.body());
                        List<Map<String, Object>> rules = body.isArray()
                                ? json.convertValue(body, new TypeReference<>() { })
                                : List.of(json.convertValue(body, new TypeReference<Map<String, Object>>() { }));
                        rules.forEach(r -> faults.add(FaultPlan.Rule.fromMap(r)));
                        return MockResponse.json(200, toJson(faults.describe()));
                    }
                    case "DELETE" -> {
                        faults.clear();
                        return MockResponse.json(200, "[]");
                    }
                    default -> {
                        return MockResponse.json(200, toJson(faults.describe()));
                    }
                }
            }
            case "requests" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("total", requests.total());
                out.put("counts", requests.counts());
                out.put("recent", requests.recent().stream().map(RequestLog.Entry::toString).toList());
                return MockResponse.json(200, toJson(out));
            }
            case "clock" -> {
                if ("POST".equals(req.method())) {
                    JsonNode body = json.readTree(req.body());
                    if (body.has("advanceSeconds")) {
                        clock.advance(Duration.ofSeconds(body.get("advanceSeconds").asLong()));
                    } else if (body.has("set")) {
                        clock.set(Instant.parse(body.get("set").asText()));
                    } else if (body.path("reset").asBoolean()) {
                        clock.reset();
                    }
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("now", clock.instant().toString());
                out.put("offsetMillis", clock.offsetMillis());
                return MockResponse.json(200, toJson(out));
            }
            default -> {
                MockResponse extra = handleAdmin(sub, req);
                return extra != null ? extra
                        : MockResponse.json(404, "{\"error\":\"unknown admin path " + sub + "\"}");
            }
        }
    }

    private MockResponse serve(MockRequest req) {
        long arrivedAt = System.nanoTime();
        try {
            if (req.path().startsWith(ADMIN_PREFIX)) {
                return admin(req);
            }
            String op = operationOf(req);
            RequestLog.Call call = new RequestLog.Call(op != null ? op : req.path(), subjectOf(req));
            // counted before any fault: a request answered with an injected error still reached the system
            requests.record(clock.instant(), req.method(), req.path(), call);
            requests.arrived(arrivedAt, req, call);
            if (op != null) {
                var before = faults.strike(op, FaultPlan.Phase.BEFORE);
                if (before.isPresent()) {
                    MockResponse spoiled = spoil(before.get(), null);
                    if (spoiled != null) {
                        return spoiled;
                    }
                }
            }
            MockResponse res = handle(req);
            if (op != null) {
                var after = faults.strike(op, FaultPlan.Phase.AFTER);
                if (after.isPresent()) {
                    MockResponse spoiled = spoil(after.get(), res);
                    if (spoiled != null) {
                        return spoiled;
                    }
                }
            }
            return res;
        } catch (Exception e) {
            log.warn("{} mock failed on {} {}", name(), req.method(), req.path(), e);
            return MockResponse.json(500, "{\"mockError\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** Applies a fault rule; for a DELAY before the effect, returns null so handling proceeds after the delay. */
    private MockResponse spoil(FaultPlan.Rule rule, MockResponse committed) {
        return switch (rule.kind()) {
            case HTTP_ERROR -> MockResponse.text(rule.status(), "text/plain", "injected fault " + rule.status());
            case CONNECTION_RESET -> MockResponse.connectionReset();
            case DELAY -> {
                if (committed == null) {
                    sleepQuietly(rule.drawDelayMs());
                    yield null;
                }
                yield committed.withDelay(rule.drawDelayMs());
            }
        };
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Dispatcher implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request r = serveEvent.getRequest();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpHeader h : r.getHeaders().all()) {
                headers.put(h.key(), h.values());
            }
            MockResponse res = serve(MockRequest.of(r.getMethod().getName(), r.getUrl(), headers, r.getBody(),
                    r.getClientIp()));
            if (res.reset()) {
                return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition().withStatus(res.status())
                    .withBody(res.body());
            // a value holding '\n' stands for several header lines (e.g. two Set-Cookie), see MockResponse
            res.headers().forEach((k, v) -> b.withHeader(k, v.split("\n")));
            if (res.delayMs() > 0) {
                b.withFixedDelay((int) Math.min(Integer.MAX_VALUE, res.delayMs()));
            }
            return b.build();
        }

        @Override
        public String getName() {
            return "mock-dispatch-" + name();
        }
    }
}
