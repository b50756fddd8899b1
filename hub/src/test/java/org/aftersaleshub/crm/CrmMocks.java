package org.aftersaleshub.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;

/**
 * The FXiaoKe mock on a free port with its demo tenant, declared to a test's hub as the connector instance
 * {@value #INSTANCE} with the callback key of the mock's demo tenant, and what a test reads back from it.
 */
final class CrmMocks {

    static final String INSTANCE = "crm-test";
    static final String AES_KEY = "YWZ0ZXJzYWxlcy1odWItZGVtby1meGlhb2tlLWtleSE=";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CrmMocks() {
    }

    static FxiaokeMock start() {
        FxiaokeMock m = new FxiaokeMock();
        m.start(0);
        return m;
    }

    /** The hub properties that declare the instance on {@code mock} and receive its callbacks. */
    static Map<String, String> hubProperties(FxiaokeMock mock) {
        String c = "hub.connectors." + INSTANCE + ".";
        return Map.ofEntries(Map.entry(c + "type", "fxiaoke"), Map.entry(c + "base-url", mock.baseUrl()),
                Map.entry(c + "app-id", "FSAID_13189e1aftersalesdemo"),
                Map.entry(c + "app-secret", "demo-fxiaoke-app-secret-aftersales-hub"),
                Map.entry(c + "permanent-code", "demo-fxiaoke-permanent-code-0001"),
                Map.entry(c + "open-user-id", "FSUID_aftersalesdemo1000"), Map.entry(c + "timeout-ms", "3000"),
                Map.entry(c + "backoff-initial-ms", "10"), Map.entry(c + "backoff-max-ms", "100"),
                Map.entry("hub.callbacks.instances." + INSTANCE + ".aes-key", AES_KEY),
                Map.entry("hub.callbacks.poll-interval", "100ms"),
                Map.entry("hub.staff.sync.instances", ""));
    }

    /** Records of {@code apiName} whose {@code field} equals {@code value}, as the mock holds them. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> records(FxiaokeMock mock, String apiName, String field, String value) {
        Map<String, Object> objects = (Map<String, Object>) mock.state().get("objects");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) objects.getOrDefault(apiName, List.of());
        return rows.stream().filter(r -> Objects.equals(String.valueOf(r.get(field)), value)).toList();
    }

    /** Creates and updates of the record {@code dataId} (or creates of {@code apiName} when null) the mock took. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> writes(FxiaokeMock mock, String apiName, String dataId) {
        return ((List<Map<String, Object>>) mock.state().get("writes")).stream()
                .filter(w -> apiName.equals(w.get("apiName")))
                .filter(w -> dataId == null || dataId.equals(w.get("dataId"))).toList();
    }

    /** Scripts the next {@code count} answers to {@code operation} (data/create, ...) as {@code errorCode}. */
    static void scriptErrors(FxiaokeMock mock, String operation, int errorCode, int count) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mock.baseUrl()
                    + "/mock-admin/scripted-errors")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"" + operation + "\",\"errorCode\":"
                            + errorCode + ",\"count\":" + count + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("scripting errors: HTTP " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
