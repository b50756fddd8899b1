package org.aftersaleshub.connector.wecom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.wecom.WeComMock;

/**
 * The WeCom mock as this module's tests meet it: the keys that point an instance at a started mock (its app 1000002,
 * re-seeded with a canary secret so the secret check means something), and the mock's counters read through its
 * admin API and typed views.
 */
public final class WeComFixture {

    public static final long AGENT_ID = 1000002;
    public static final String SECRET = "canary-wecom-secret-7d41c9";
    public static final String ROBOT_KEY = "canary-robot-key-5b1e3a";
    /** A demo member (demo-data.json staff S001). */
    public static final String MEMBER = "WeComUser001";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WeComFixture() {
    }

    /** Adds the canary-secret app to the (reset) mock; call before each test. */
    public static void seedCanaryApp(WeComMock mock) {
        admin(mock, "seed", "{\"wecom\":{\"apps\":[{\"agentId\":" + AGENT_ID + ",\"secret\":\"" + SECRET + "\"}]}}");
    }

    /** Keys for an instance on {@code mock}: fast back-off and a budget the tests never hit. */
    public static Map<String, String> keys(WeComMock mock) {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("wecom.base-url", mock.baseUrl());
        k.put("wecom.corp-id", mock.corpId());
        k.put("wecom.agent-id", String.valueOf(AGENT_ID));
        k.put("wecom.app-secret", SECRET);
        k.put("wecom.robot-keys", "dispatch=" + ROBOT_KEY);
        k.put("wecom.timeout-ms", "1500");
        k.put("wecom.backoff-initial-ms", "10");
        k.put("wecom.backoff-max-ms", "100");
        k.put("wecom.requests-per-second", "1000");
        // the per-member budget has its own tests; here many messages go to one member within seconds
        k.put("wecom.member-messages-per-minute", "0");
        // tests that send twice to one robot wait for its next permit (one per 3.34 s) instead of being refused
        k.put("wecom.send-budget-wait-ms", "4000");
        return k;
    }

    /** Makes the fixture's robot {@code dispatch} known to the (reset) mock. */
    public static void seedRobot(WeComMock mock) {
        admin(mock, "seed", "{\"robots\":{\"wecom\":[{\"name\":\"dispatch\",\"key\":\"" + ROBOT_KEY + "\"}]}}");
    }

    /** The mock's recorded limit rejections of one kind (robotRate, memberPerMinute, ...). */
    @SuppressWarnings("unchecked")
    public static long rejections(WeComMock mock, String kind) {
        return ((List<Map<String, Object>>) mock.state().get("rateLimitRejections")).stream()
                .filter(r -> kind.equals(r.get("kind"))).count();
    }

    /** Successful gettoken calls the mock answered so far. */
    @SuppressWarnings("unchecked")
    public static long tokenCalls(WeComMock mock) {
        List<Map<String, Object>> calls = (List<Map<String, Object>>) mock.state().get("tokenCalls");
        return calls.stream().filter(c -> "ok".equals(c.get("outcome"))).count();
    }

    /** App messages delivered to {@code userId} whose text holds {@code marker}. */
    @SuppressWarnings("unchecked")
    public static long delivered(WeComMock mock, String userId, String marker) {
        return mock.messagesTo(userId).stream().map(m -> (Map<String, Object>) m.get("body"))
                .map(b -> (Map<String, Object>) b.getOrDefault("text", b.get("markdown")))
                .filter(t -> t != null && String.valueOf(t.get("content")).contains(marker)).count();
    }

    /** POSTs {@code body} to the mock's admin path; fails on a non-200. */
    public static String admin(HttpMock mock, String path, String body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mock.baseUrl()
                    + HttpMock.ADMIN_PREFIX + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("mock admin " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
