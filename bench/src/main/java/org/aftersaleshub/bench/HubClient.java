package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The calls the benchmarks make on the hub's API, with the demo admin key over HTTP/1.1 keep-alive
 * ({@code java.net.http.HttpClient}), and the one ticket every benchmark creates.
 */
final class HubClient {

    static final String DEVICE_SERIAL = "SN-AC-2024-000123";
    static final String DEVICE_MODEL = "KFR-35GW/BP3";
    static final String FAULT_TYPE = "制冷异常";
    static final String REGION = "华东";
    static final String DESCRIPTION = "压缩机不启动, 有异响; 客户上午在家, 请先电话联系. Compressor does not start, noise.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubUnderTest hub;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    HubClient(HubUnderTest hub) throws IOException {
        this.hub = hub;
        this.key = hub.apiKey();
    }

    HttpClient http() {
        return http;
    }

    static String customerId(int client) {
        return "C-BENCH-" + client;
    }

    /** The ticket of the benchmarks: a web ticket of customer {@code C-BENCH-<client>}. */
    static String ticketJson(int client) {
        return """
                {"channel":"WEB","customerId":"%s","device":{"serial":"%s","model":"%s"},"faultType":"%s",\
                "description":"%s","priority":"NORMAL","region":"%s"}""".formatted(customerId(client), DEVICE_SERIAL,
                DEVICE_MODEL, FAULT_TYPE, DESCRIPTION, REGION);
    }

    /** {@code POST /api/v1/tickets}; with {@code idempotencyKey}, a fresh {@code Idempotency-Key}. */
    HttpRequest ticketRequest(int client, boolean idempotencyKey) {
        HttpRequest.Builder b = post("/api/v1/tickets", ticketJson(client));
        if (idempotencyKey) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return b.build();
    }

    /** The id of the ticket in a 201 answer's body. */
    static String ticketId(String body) throws IOException {
        return JSON.readTree(body).path("id").asText();
    }

    String createTicket(int i) throws Exception {
        return ticketId(send(post("/api/v1/tickets", ticketJson(i % 16)).build(), 201));
    }

    void recordUsage(String ticketId, String usageId, String sku, String warehouse) throws Exception {
        send(post("/api/v1/tickets/" + ticketId + "/part-usages", "{\"id\":\"" + usageId + "\",\"partSku\":\""
                + sku + "\",\"quantity\":{\"value\":1,\"unit\":\"个\"},\"warehouse\":\"" + warehouse + "\"}").build(),
                201);
    }

    /** Polls the tickets' part usages until all are DEDUCTED or the time is up; returns how many are. */
    long awaitDeducted(String[] ticketIds, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Set<String> open = new HashSet<>(Arrays.asList(ticketIds));
        long deducted = 0;
        while (true) {
            for (var it = open.iterator(); it.hasNext(); ) {
                JsonNode list = JSON.readTree(send(request("/api/v1/tickets/" + it.next() + "/part-usages").GET()
                        .build(), 200));
                boolean all = list.size() > 0;
                for (JsonNode u : list) {
                    all &= "DEDUCTED".equals(u.path("state").asText());
                }
                if (all) {
                    deducted += list.size();
                    it.remove();
                }
            }
            if (open.isEmpty() || System.nanoTime() > deadline) {
                return deducted;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling the hub's state in a benchmark, not a test wait
        }
    }

    /** {@code POST path} with a JSON body; anything but {@code expected} fails with the status and body. */
    String postJson(String path, String json, int expected) throws Exception {
        return send(post(path, json).build(), expected);
    }

    /** {@code GET path}, expecting 200. */
    String get(String path) throws Exception {
        return send(request(path).GET().build(), 200);
    }

    /** A {@code POST path} request with a JSON body, for {@code sendAsync}. */
    HttpRequest postRequest(String path, String json) {
        return post(path, json).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(hub.base().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
    }

    private HttpRequest.Builder post(String path, String json) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /** Sends; anything but {@code expected} fails with the path, status and body. */
    String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.uri().getPath() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
