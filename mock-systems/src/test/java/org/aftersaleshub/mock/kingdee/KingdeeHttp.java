package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plain-HTTP helper for the Kingdee mock tests: no connector code, just what a client puts on the wire. */
final class KingdeeHttp {

    static final String PREFIX = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.";
    static final String DFS = "DynamicFormService.";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    /** The session id from the last login (sent as a cookie by {@link #call}). */
    String sid;

    KingdeeHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static String path(String service) {
        return PREFIX + service + ".common.kdsvc";
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        return post(path, body, headers, Duration.ofSeconds(30));
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers, Duration timeout)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A DynamicFormService call with the session cookie of the last login. */
    JsonNode call(String method, String body) throws Exception {
        return JSON.readTree(post(path(DFS + method), body,
                sid == null ? Map.of() : Map.of("Cookie", "kdservice-sessionid=" + sid)).body());
    }

    /** {@code {"parameters":["<formId>","<data as string>"]}} as the Java SDK sends it. */
    JsonNode callForm(String method, String formId, String data) throws Exception {
        return call(method, JSON.writeValueAsString(Map.of("parameters", List.of(formId, data))));
    }

    JsonNode query(String method, String data) throws Exception {
        return call(method, JSON.writeValueAsString(Map.of("parameters", List.of(data))));
    }

    void login() throws Exception {
        HttpResponse<String> r = post(path("AuthService.ValidateUser"),
                "{\"parameters\":[\"6571d9a3c1b2e4000a1b2c3d\",\"integration\",\"Kd@123456\",2052]}", Map.of());
        sid = JSON.readTree(r.body()).get("KDSVCSessionId").asText();
    }

    HttpResponse<String> admin(String method, String sub, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/mock-admin/" + sub));
        b = "GET".equals(method) ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A one-line STK_MisDelivery save package. */
    static String outbound(String billNo, String material, String stock, String qty, String extra) {
        return "{\"NeedUpDateFields\":[],\"NeedReturnFields\":[],\"IsDeleteEntry\":\"true\"," + extra
                + "\"Model\":{\"FID\":0," + (billNo == null ? "" : "\"FBillNo\":\"" + billNo + "\",")
                + "\"FBillTypeID\":{\"FNUMBER\":\"QTCKD01_SYS\"},\"FStockOrgId\":{\"FNumber\":\"100\"},"
                + "\"FStockDirect\":\"GENERAL\",\"FDate\":\"2026-03-01 10:00:00\",\"FCustId\":{\"FNumber\":\"C0001\"},"
                + "\"FEntity\":[{\"FMaterialId\":{\"FNumber\":\"" + material + "\"},\"FQty\":" + qty
                + ",\"FStockId\":{\"FNumber\":\"" + stock + "\"},\"FStockStatusId\":{\"FNumber\":\"KCZT01_SYS\"}}]}}";
    }
}
