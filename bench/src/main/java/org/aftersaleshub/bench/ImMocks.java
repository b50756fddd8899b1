package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.aftersaleshub.mock.MockSystems;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.RequestLog;
import org.aftersaleshub.mock.wecom.WeComMock;

/**
 * The DingTalk and WeCom mocks in the benchmark JVM, on free ports, as the hub's two IM connector instances: the
 * monthly quota raised for the run, the engineers in their directories, WeCom's callback pointed at the hub, and every
 * card request noted as it arrives, on this JVM's {@link System#nanoTime()} (the clock the API answers are timed
 * with). The apps, secrets and callback keys are the mocks' demo values (mock-systems/README.md), not credentials.
 */
final class ImMocks implements AutoCloseable {

    static final String DINGTALK = "dingtalk-bench";
    static final String WECOM = "wecom-bench";
    static final String DT_APP_KEY = "dingaftersalesdemo01";
    static final String DT_APP_SECRET = "demo-dingtalk-app-secret-0001-aftersales-hub-xxxx";
    static final String DT_AGENT = "3000000001";
    /** The apiSecret the hub registers its card callback route with; the mock signs clicks with it. */
    static final String DT_API_SECRET = "bench-card-api-secret-0123456789abcdef";
    static final String WC_AGENT = "1000002";
    static final String WC_APP_SECRET = "demo-wecom-app-secret-1000002-aftersales-hub";
    /** The WeCom mock's callback token and EncodingAESKey (its WeComSettings.Callback defaults). */
    static final String WC_CALLBACK_TOKEN = "aftersalesWeComToken";
    static final String WC_CALLBACK_AES_KEY = "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB";
    static final long QUOTA = 100_000_000L;
    static final String DT_CARD_PATH = "/v1.0/card/instances/createAndDeliver";
    static final String WC_SEND_PATH = "/cgi-bin/message/send";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One card request as it reached a mock: when, to whom, which card; parsed after the run. */
    record Arrival(long nanoTime, String platform, String userId, String cardId) {
    }

    final MockSystems mocks;
    final DingTalkMock dingtalk;
    final WeComMock wecom;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Raw arrivals, parsed later so the mock's serving thread only notes the moment and the body. */
    private final ConcurrentLinkedQueue<RequestLog.Arrival> raw = new ConcurrentLinkedQueue<>();
    private final Map<String, List<Arrival>> byUser = new ConcurrentHashMap<>();
    private long otherSends;

    private ImMocks() {
        mocks = MockSystems.start(Set.of("dingtalk", "wecom"), true);
        dingtalk = mocks.get(DingTalkMock.class);
        wecom = mocks.get(WeComMock.class);
    }

    static ImMocks start() throws Exception {
        ImMocks m = new ImMocks();
        // "the mock's monthly quota raised for the run"; the per-app QPS (20 per API and second) stays as it is
        m.admin(m.dingtalk, "config", "{\"monthlyApiQuota\":" + QUOTA + "}");
        m.dingtalk.requests().listen(a -> {
            if (a.request().path().equals(DT_CARD_PATH)) {
                m.raw.add(a);
            }
        });
        m.wecom.requests().listen(a -> {
            if (a.request().path().equals(WC_SEND_PATH)) {
                m.raw.add(a);
            }
        });
        return m;
    }

    /**
     * The hub's arguments for the two connector instances on these mocks, cards on, and WeCom's callback keys
     * ({@value HubUnderTest#HUB_PLACEHOLDER} is the hub's base URL).
     */
    List<String> hubArgs() {
        String dt = "--hub.connectors." + DINGTALK + ".";
        String wc = "--hub.connectors." + WECOM + ".";
        String dtBase = "http://127.0.0.1:" + dingtalk.port();
        return new ArrayList<>(List.of(
                "--hub.demo.mocks.enabled=false",
                "--hub.notify.cards=true",
                dt + "type=dingtalk", dt + "base-url=" + dtBase, dt + "api-base-url=" + dtBase,
                dt + "app-key=" + DT_APP_KEY, dt + "app-secret=" + DT_APP_SECRET, dt + "agent-id=" + DT_AGENT,
                dt + "callback-url=" + HubUnderTest.HUB_PLACEHOLDER + "/callbacks/dingtalk/" + DINGTALK,
                dt + "api-secret=" + DT_API_SECRET, dt + "card-template-id=bench-assignment-card",
                dt + "monthly-api-quota=" + QUOTA,
                wc + "type=wecom", wc + "base-url=http://127.0.0.1:" + wecom.port(), wc + "corp-id=" + wecom.corpId(),
                wc + "agent-id=" + WC_AGENT, wc + "app-secret=" + WC_APP_SECRET,
                "--hub.callbacks.instances." + WECOM + ".token=" + WC_CALLBACK_TOKEN,
                "--hub.callbacks.instances." + WECOM + ".aes-key=" + WC_CALLBACK_AES_KEY));
    }

    /** Points WeCom's callbacks at the hub (DingTalk's card route is registered by the hub itself at start). */
    void callbacksTo(URI hub) throws Exception {
        admin(wecom, "config", "{\"callback\":{\"url\":\"" + hub.resolve("/callbacks/wecom/" + WECOM) + "\"}}");
    }

    /** A member of the platform's directory, so the platform delivers to them. */
    void addUser(Engineer e) throws Exception {
        HttpMock mock = e.dingtalk() ? dingtalk : wecom;
        admin(mock, "directory/users", "{\"userid\":\"" + e.imUserId() + "\",\"name\":\"" + e.name()
                + "\",\"title\":\"工程师\",\"departments\":[" + (e.dingtalk() ? 3 : 2) + "]}");
    }

    /** Parses the arrivals noted so far; returns every card request to {@code userId}, oldest first. */
    synchronized List<Arrival> arrivals(String userId) {
        drain();
        return byUser.getOrDefault(userId, List.of());
    }

    /** Card requests seen so far in all (parsed). */
    synchronized long cardRequests() {
        drain();
        return byUser.values().stream().mapToLong(List::size).sum();
    }

    /** App messages that were not template cards (a work notice where a card was expected). */
    synchronized long otherSends() {
        drain();
        return otherSends;
    }

    /** Whether the platform holds the card (created, delivered): a request that was refused made none. */
    boolean cardExists(Arrival a) {
        return "DINGTALK".equals(a.platform()) ? dingtalk.card(a.cardId()) != null
                : wecom.templateCard(a.cardId()) != null;
    }

    private void drain() {
        for (RequestLog.Arrival a; (a = raw.poll()) != null; ) {
            try {
                JsonNode b = JSON.readTree(a.request().body());
                if (a.request().path().equals(DT_CARD_PATH)) {
                    String space = b.path("openSpaceId").asText("");
                    String user = space.substring(space.indexOf("IM_ROBOT.") + "IM_ROBOT.".length())
                            .replace(";", "");
                    add(new Arrival(a.nanoTime(), "DINGTALK", user, b.path("outTrackId").asText()));
                } else if ("template_card".equals(b.path("msgtype").asText())) {
                    for (String user : b.path("touser").asText("").split("\\|")) {
                        add(new Arrival(a.nanoTime(), "WECOM", user,
                                b.path("template_card").path("task_id").asText()));
                    }
                } else {
                    otherSends++;
                }
            } catch (IOException | RuntimeException unreadable) {
                otherSends++;
            }
        }
    }

    private void add(Arrival a) {
        byUser.computeIfAbsent(a.userId(), u -> new ArrayList<>()).add(a);
    }

    private void admin(HttpMock mock, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/mock-admin/" + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(mock.name() + " /mock-admin/" + path + ": HTTP " + r.statusCode() + " "
                    + r.body());
        }
    }

    @Override
    public void close() {
        dingtalk.requests().listen(null);
        wecom.requests().listen(null);
        mocks.close();
    }
}
