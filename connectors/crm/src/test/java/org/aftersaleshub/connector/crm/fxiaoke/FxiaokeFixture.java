package org.aftersaleshub.connector.crm.fxiaoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersaleshub.connector.crm.fxiaoke.FxiaokeConfig.TokenStyle;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.aftersaleshub.mock.support.HttpMock;

/**
 * The FXiaoKe mock as this module's tests meet it: the keys that point an instance at a started mock (its demo app,
 * re-seeded with canary secrets so the secret check means something), and the mock's records, token calls and write
 * requests read through its state.
 */
public final class FxiaokeFixture {

    public static final String APP_ID = "FSAID_13189e1aftersalesdemo";
    public static final String SECRET = "canary-fxiaoke-secret-3c8e51";
    public static final String PERMANENT_CODE = "canary-fxiaoke-permanent-9b27d0";
    public static final String OPEN_USER_ID = "FSUID_aftersalesdemo1000";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FxiaokeFixture() {
    }

    /** Gives the (reset) mock's app the canary credentials; call before each test. */
    public static void seedCanaryApp(FxiaokeMock mock) {
        admin(mock, "seed", "{\"fxiaoke\":{\"appSecret\":\"" + SECRET + "\",\"permanentCode\":\"" + PERMANENT_CODE
                + "\"}}");
    }

    /** Keys for an instance on {@code mock}: fast back-off and a per-second budget the tests never hit. */
    public static Map<String, String> keys(FxiaokeMock mock, TokenStyle style) {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("fxiaoke.base-url", mock.baseUrl());
        k.put("fxiaoke.token-style", style.name());
        k.put("fxiaoke.app-id", APP_ID);
        k.put("fxiaoke.app-secret", SECRET);
        k.put("fxiaoke.permanent-code", PERMANENT_CODE);
        k.put("fxiaoke.open-user-id", OPEN_USER_ID);
        k.put("fxiaoke.timeout-ms", "1500");
        k.put("fxiaoke.backoff-initial-ms", "10");
        k.put("fxiaoke.backoff-max-ms", "100");
        k.put("fxiaoke.requests-per-second", "1000");
        return k;
    }

    public static Map<String, String> keys(FxiaokeMock mock) {
        return keys(mock, TokenStyle.CORP_ACCESS_TOKEN);
    }

    /** Records of {@code apiName} whose {@code field} equals {@code value}, as the mock holds them. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(FxiaokeMock mock, String apiName, String field, String value) {
        Map<String, Object> objects = (Map<String, Object>) mock.state().get("objects");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) objects.getOrDefault(apiName, List.of());
        return rows.stream().filter(r -> Objects.equals(String.valueOf(r.get(field)), value)).toList();
    }

    /** Token calls the mock answered with a token, so far. */
    public static long tokenCalls(FxiaokeMock mock) {
        return tokenCalls(mock, "ok");
    }

    /**
     * Token calls with this outcome ({@code ok}, {@code rejected concurrent}, {@code rejected burst}, ...); null: all.
     */
    @SuppressWarnings("unchecked")
    public static long tokenCalls(FxiaokeMock mock, String outcome) {
        return ((List<Map<String, Object>>) mock.state().get("tokenCalls")).stream()
                .filter(c -> outcome == null || outcome.equals(c.get("outcome"))).count();
    }

    /** Every create and update the mock was asked for (refused ones too), oldest first. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> writeRequests(FxiaokeMock mock) {
        return (List<Map<String, Object>>) mock.state().get("writeRequests");
    }

    /** Calls the mock refused for a limit (per-path frequency, token bursts). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rateLimitRejections(FxiaokeMock mock) {
        return (List<Map<String, Object>>) mock.state().get("rateLimitRejections");
    }

    /** Adds accounts to the mock as its seed does: {@code account_no} = id, one shared creation time. */
    public static void seedAccounts(FxiaokeMock mock, List<String> fxiaokeIds, List<String> accountNos, String region) {
        StringBuilder b = new StringBuilder("{\"customers\":[");
        for (int i = 0; i < fxiaokeIds.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(accountNos.get(i)).append("\",\"name\":\"种子客户")
                    .append(i).append("\",\"region\":\"").append(region).append("\",\"fxiaokeId\":\"")
                    .append(fxiaokeIds.get(i)).append("\"}");
        }
        admin(mock, "seed", b.append("]}").toString());
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
