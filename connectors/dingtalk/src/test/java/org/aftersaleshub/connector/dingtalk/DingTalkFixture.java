package org.aftersaleshub.connector.dingtalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.support.HttpMock;

/**
 * The DingTalk mock as the connector's tests use it: the demo app re-registered with a canary secret, the keys that
 * point a connector at the mock, and the mock's admin paths and state (token calls, delivered notices).
 */
final class DingTalkFixture {

    static final String APP_KEY = "dingaftersalesdemo01";
    static final long AGENT_ID = 3_000_000_001L;
    static final String CANARY_APP_SECRET = "canary-dt-appsecret-4e1b7c90";
    static final String CANARY_ROBOT_TOKEN = "canary-dt-robottoken-a81f";
    static final String CANARY_ROBOT_SECRET = "SECcanary-dt-robotsecret-66d0";

    private final DingTalkMock mock;
    private final HttpClient http = HttpClient.newHttpClient();

    DingTalkFixture(DingTalkMock mock) {
        this.mock = mock;
        mock.addApp(new DingTalkMock.App(APP_KEY, CANARY_APP_SECRET, AGENT_ID));
    }

    DingTalkMock mock() {
        return mock;
    }

    /** The fixture's signing robot {@code warehouse-east}, known to the mock. */
    void addCanaryRobot() {
        mock.addRobot(new DingTalkMock.Robot("warehouse-east", CANARY_ROBOT_TOKEN, CANARY_ROBOT_SECRET, List.of(),
                List.of(), false));
    }

    /** What robot {@code accessToken} delivered, as JSON texts. */
    List<String> robotMessages(String accessToken) {
        return mock.robotMessages(accessToken).stream().map(m -> String.valueOf(m.get("body"))).toList();
    }

    /** The mock's recorded limit rejections of one kind (robotRate, robotBlocked, qps, monthlyQuota). */
    @SuppressWarnings("unchecked")
    long rejections(String kind) {
        return ((List<Map<String, Object>>) mock.state().get("rateLimitRejections")).stream()
                .filter(r -> kind.equals(r.get("kind"))).count();
    }

    /** Keys for the mock, the legacy token style, short timeouts and in-call retries with short back-offs. */
    Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dingtalk.base-url", mock.baseUrl());
        c.put("dingtalk.api-base-url", mock.baseUrl());
        c.put("dingtalk.app-key", APP_KEY);
        c.put("dingtalk.app-secret", CANARY_APP_SECRET);
        c.put("dingtalk.agent-id", String.valueOf(AGENT_ID));
        c.put("dingtalk.robot-tokens", "warehouse-east=" + CANARY_ROBOT_TOKEN);
        c.put("dingtalk.robot-secrets", "warehouse-east=" + CANARY_ROBOT_SECRET);
        c.put("dingtalk.timeout-ms", "1000");
        c.put("dingtalk.max-attempts", "4");
        c.put("dingtalk.backoff-initial-ms", "10");
        c.put("dingtalk.backoff-max-ms", "200");
        c.put("dingtalk.requests-per-second", "1000");
        // tests that send twice to one robot wait for its next permit (one per 3.34 s) instead of being refused
        c.put("dingtalk.send-budget-wait-ms", "4000");
        return c;
    }

    /** Token calls the mock answered ({@code tokenCalls} of its state), both styles. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tokenCalls() {
        return (List<Map<String, Object>>) mock.state().get("tokenCalls");
    }

    /** Work notices delivered to {@code userId} whose content holds {@code text}. */
    @SuppressWarnings("unchecked")
    long noticesTo(String userId, String text) {
        return mock.messagesTo(userId).stream().filter(m -> String.valueOf(m.get("msg")).contains(text)).count();
    }

    /** POSTs {@code json} to the mock's admin path {@code /mock-admin/<path>}. */
    String admin(String path, String json) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mock.baseUrl()
                            + HttpMock.ADMIN_PREFIX + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("mock admin " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void expireTokens() {
        admin("tokens/expire", "{}");
    }

    /** The next {@code operation} is answered with the legacy {@code errcode}. */
    void scriptError(String operation, int errcode) {
        admin("scripted-errors", "{\"operation\":\"" + operation + "\",\"errcode\":" + errcode + ",\"count\":1}");
    }

    /** A local port nothing listens on. */
    static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
