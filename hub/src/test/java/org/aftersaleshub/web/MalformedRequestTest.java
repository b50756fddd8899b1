package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile requests. Each must get a 4xx application/problem+json (no repeated key, {@code status} equal
 * to the HTTP status, a title) whose errors name the field, never a 5xx, never a stack trace or a class name.
 * <ul>
 * <li>{@link #answersAProblemNamingTheFieldAndTheRule}: a hand-written table that also pins the exact rule.</li>
 * <li>{@link #everyOperationOfTheOpenApiDocument}: cases generated at test time from {@code /v3/api-docs} for every
 * operation ({@link HostileRequests}), sent as raw bytes ({@link RawHttp}); a new endpoint is covered without
 * editing this test.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest extends ApiH2IntegrationTest {

    /** The least the generated table must hold; the closing note of issue 10 quotes the real counts. */
    private static final int MIN_GENERATED_CASES = 200;

    private static final String ENUM_PRIORITY = "enum:[LOW, NORMAL, HIGH, URGENT]";
    private static final String ENUM_CHANNEL =
            "enum:[WEB, MOBILE_APP, CALL_CENTER, WECHAT, DINGTALK, WECOM, EMAIL, API]";
    private static final String ENUM_STATUS =
            "enum:[NEW, ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_PARTS, RESOLVED, CLOSED, CANCELLED]";
    private static final String TICKETS = "/api/v1/tickets";
    private static final String TICKET = "/api/v1/tickets/{id}";

    /** One malformed request and what the answer must name. {@code {id}} is an existing NEW ticket. */
    record Case(String name, String method, String path, String contentType, String body, int status, String field,
                String rule, boolean chunked, String[] headers) {

        Case replaceBody(String replace, String with) {
            assertThat(body).contains(replace);
            return new Case(name, method, path, contentType, body.replace(replace, with), status, field, rule,
                    chunked, headers);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private ApiTestClient writer;
    private ApiTestClient admin;
    private String ticketId;

    @BeforeAll
    void keysAndTicket() {
        writer = writer();
        admin = client("test-admin", ApiScope.ADMIN);
        ticketId = writer.post(TICKETS, ApiTestClient.ticketJson()).json().get("id").asText();
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // Ticket creation body
        c.add(post("missing channel", TICKETS, ticket("\"channel\":\"WEB\",", ""), 400, "channel", "required"));
        c.add(post("missing customerId", TICKETS, ticket("\"customerId\":\"C-10086\",", ""), 400, "customerId",
                "required"));
        c.add(post("blank faultType", TICKETS, ticket("\"faultType\":\"制冷异常\"", "\"faultType\":\"   \""), 400,
                "faultType", "not-blank"));
        c.add(post("null region", TICKETS, ticket("\"region\":\"华东\"", "\"region\":null"), 400, "region",
                "required"));
        c.add(post("wrong priority value", TICKETS, ticket("\"HIGH\"", "\"SUPER\""), 400, "priority", ENUM_PRIORITY));
        c.add(post("priority as a number", TICKETS, ticket("\"HIGH\"", "2"), 400, "priority", ENUM_PRIORITY));
        c.add(post("wrong channel value", TICKETS, ticket("\"WEB\"", "\"FAX\""), 400, "channel", ENUM_CHANNEL));
        c.add(post("description too long", TICKETS, ticket("\"压缩机不启动\"", "\"" + "x".repeat(4001) + "\""), 400,
                "description", "max-length:4000"));
        c.add(post("customerId too long", TICKETS, ticket("\"C-10086\"", "\"" + "c".repeat(65) + "\""), 400,
                "customerId", "max-length:64"));
        c.add(post("region as an object", TICKETS, ticket("\"华东\"", "{}"), 400, "region", "type:string"));
        c.add(post("device as a string", TICKETS, ticket("{\"serial\":\"SN-001\",\"model\":\"KFR-35\"}", "\"x\""),
                400, "device", "type:object"));
        c.add(post("device.serial too long", TICKETS, ticket("\"SN-001\"", "\"" + "s".repeat(65) + "\""), 400,
                "device.serial", "max-length:64"));
        c.add(post("unknown property", TICKETS, ticket("\"region\":", "\"colour\":\"red\",\"region\":"), 400,
                "colour", "unknown-property"));
        c.add(post("unknown nested property", TICKETS, ticket("\"model\":", "\"age\":3,\"model\":"), 400,
                "device.age", "unknown-property"));
        c.add(post("malformed JSON", TICKETS, "{\"channel\":\"WEB\",", 400, "$", "json-syntax"));
        c.add(post("not JSON at all", TICKETS, "channel=WEB", 400, "$", "json-syntax"));
        c.add(post("trailing content", TICKETS, ApiTestClient.ticketJson() + " {}", 400, "$", "json-syntax"));
        c.add(post("array instead of object", TICKETS, "[]", 400, "$", "type:object"));
        c.add(post("empty body", TICKETS, "", 400, "$", "required"));
        c.add(post("too many attachments", TICKETS, ticket("\"region\":", "\"attachments\":["
                + "{\"uri\":\"s3://a\"},".repeat(20) + "{\"uri\":\"s3://a\"}],\"region\":"), 400, "attachments",
                "max-items:20"));
        c.add(post("attachment without uri", TICKETS, ticket("\"region\":", "\"attachments\":[{\"name\":\"a.jpg\"}],"
                + "\"region\":"), 400, "attachments[0].uri", "required"));
        c.add(post("date that is not a date", TICKETS, ticket("\"region\":", "\"responseDueAt\":\"tomorrow\","
                + "\"region\":"), 400, "responseDueAt", "format:date-time"));
        c.add(new Case("text/plain body", "POST", TICKETS, "text/plain", ApiTestClient.ticketJson(), 415,
                "Content-Type", "media-type:application/json", false, new String[0]));
        c.add(new Case("XML body", "POST", TICKETS, "application/xml", "<ticket/>", 415, "Content-Type",
                "media-type:application/json", false, new String[0]));
        c.add(new Case("body too large (Content-Length)", "POST", TICKETS, "application/json",
                "{\"description\":\"" + "x".repeat(300 * 1024) + "\"}", 413, "$", "max-bytes:262144", false,
                new String[0]));
        c.add(new Case("body too large (chunked)", "POST", TICKETS, "application/json",
                "{\"description\":\"" + "x".repeat(300 * 1024) + "\"}", 413, "$", "max-bytes:262144", true,
                new String[0]));
        c.add(post("Idempotency-Key too long", TICKETS, ApiTestClient.ticketJson(), 400, "Idempotency-Key",
                "max-length:255", "Idempotency-Key", "k".repeat(256)));
        // Methods, routes, path and query parameters
        c.add(new Case("unsupported method", "DELETE", TICKETS, null, null, 405, "method", "one-of:[GET, POST]",
                false, new String[0]));
        c.add(get("unknown route", "/api/v1/nothing-here", 404, "path", "known-route"));
        c.add(get("unknown ticket", "/api/v1/tickets/00000000-0000-4000-8000-000000000000", 404, "id", "exists"));
        c.add(get("ticket id not a UUID", "/api/v1/tickets/not-a-uuid", 400, "id", "format:uuid"));
        c.add(get("status filter not a status", TICKETS + "?status=DONE", 400, "status", ENUM_STATUS));
        c.add(get("page size above 200", TICKETS + "?size=500", 400, "size", "max:200"));
        c.add(get("page size zero", TICKETS + "?size=0", 400, "size", "min:1"));
        c.add(get("negative page", TICKETS + "?page=-1", 400, "page", "min:0"));
        c.add(get("page not a number", TICKETS + "?page=abc", 400, "page", "type:integer"));
        c.add(get("from not a date-time", TICKETS + "?from=yesterday", 400, "from", "format:date-time"));
        c.add(get("to before from", TICKETS + "?from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", 400, "to",
                "after:from"));
        // Status, assignment
        c.add(post("status not a status", TICKET + "/status", "{\"status\":\"DONE\"}", 400, "status", ENUM_STATUS));
        c.add(post("status missing", TICKET + "/status", "{\"reason\":\"x\"}", 400, "status", "required"));
        c.add(post("reason too long", TICKET + "/status", "{\"status\":\"CANCELLED\",\"reason\":\""
                + "r".repeat(1001) + "\"}", 400, "reason", "max-length:1000"));
        c.add(post("illegal transition", TICKET + "/status", "{\"status\":\"CLOSED\"}", 409, "status",
                "allowed-targets:[ASSIGNED, CANCELLED]"));
        c.add(post("assignee missing", TICKET + "/assignment", "{}", 400, "assigneeId", "required"));
        c.add(post("assignee as an array", TICKET + "/assignment", "{\"assigneeId\":[\"E-1\"]}", 400, "assigneeId",
                "type:string"));
        // Part usages
        c.add(post("zero quantity", TICKET + "/part-usages", usage("0", "个", "PU-1"), 400, "quantity.value",
                "greater-than:0"));
        c.add(post("negative quantity", TICKET + "/part-usages", usage("-2", "个", "PU-1"), 400, "quantity.value",
                "greater-than:0"));
        c.add(post("quantity not a number", TICKET + "/part-usages", usage("\"two\"", "个", "PU-1"), 400,
                "quantity.value", "type:number"));
        c.add(post("quantity too precise", TICKET + "/part-usages", usage("1.1234567", "个", "PU-1"), 400,
                "quantity.value", "digits:12,6"));
        c.add(post("quantity missing", TICKET + "/part-usages", "{\"id\":\"PU-1\",\"partSku\":\"P\","
                + "\"warehouse\":\"W\"}", 400, "quantity", "required"));
        c.add(post("unit too long", TICKET + "/part-usages", usage("1", "u".repeat(17), "PU-1"), 400,
                "quantity.unit", "max-length:16"));
        c.add(post("usage id with spaces", TICKET + "/part-usages", usage("1", "个", "PU 1"), 400, "id",
                "pattern:[A-Za-z0-9._:-]+"));
        c.add(post("blank serial number", TICKET + "/part-usages", usage("1", "个", "PU-1"), 400,
                "serialNumbers[0]", "required").replaceBody("\"warehouse\":\"W\"",
                "\"warehouse\":\"W\",\"serialNumbers\":[\"\"]"));
        // Admin
        c.add(new Case("unknown scope", "POST", "/api/v1/admin/api-keys", "application/json",
                "{\"name\":\"x\",\"scopes\":[\"root\"]}", 400, "scopes[0]",
                "enum:[tickets:read, tickets:write, metrics:read, masterdata:write, admin]", false, new String[] {"admin", "true"}));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAProblemNamingTheFieldAndTheRule(Case c) throws Exception {
        Answer a = send(c);

        assertThat(a.status()).as("%s: %s", c.name(), a.body()).isEqualTo(c.status());
        ProblemBodies.assertCleanProblem(c.name(), a.status(), a.contentType(),
                a.body().getBytes(StandardCharsets.UTF_8));
        JsonNode p = a.json();
        List<String> named = new ArrayList<>();
        p.get("errors").forEach(e -> named.add(e.get("field").asText() + " " + e.get("rule").asText()));
        assertThat(named).as(a.body()).contains(c.field() + " " + c.rule());
    }

    @TestFactory
    Stream<DynamicNode> everyOperationOfTheOpenApiDocument(TestReporter reporter) {
        Answer docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        OpenApiOperations api = new OpenApiOperations(docs.json());
        List<OpenApiOperations.Operation> operations = api.operations();
        RawHttp raw = new RawHttp(port);
        String key = apiKeys.create("hostile-all-scopes", EnumSet.allOf(ApiScope.class), "test").key();
        HostileRequests hostile = new HostileRequests(api, raw, key, ticketId);
        List<DynamicNode> containers = new ArrayList<>();
        int cases = 0;
        for (OpenApiOperations.Operation op : operations) {
            List<HostileRequests.Hostile> list = hostile.of(op);
            cases += list.size();
            containers.add(DynamicContainer.dynamicContainer(op.id(), list.stream().map(h ->
                    DynamicTest.dynamicTest(h.name(), () -> assertHostileAnswer(h, raw.exchange(h.request()))))));
        }
        String summary = "Malformed-request table: " + cases + " generated cases over " + operations.size()
                + " operations of /v3/api-docs, plus " + cases().count() + " hand-written cases";
        System.out.println(summary);
        reporter.publishEntry("malformed-requests", summary);
        assertThat(operations).as("operations under /api/ in the OpenAPI document").hasSizeGreaterThanOrEqualTo(15);
        assertThat(cases).as(summary).isGreaterThanOrEqualTo(MIN_GENERATED_CASES);
        return containers.stream();
    }

    private static void assertHostileAnswer(HostileRequests.Hostile h, RawHttp.Answer a) throws Exception {
        String what = h.operation() + " › " + h.name() + " → " + a.status() + " " + a.text();
        assertThat(a.status()).as(what).isBetween(400, 499);
        if (!h.statuses().isEmpty()) {
            assertThat(a.status()).as(what).isIn(h.statuses());
        }
        assertThat(a.header("Server")).as("Server header: " + what).isNull();
        ProblemBodies.assertCleanProblem(what, a.status(), a.contentType(), a.body());
        if (h.field() != null) {
            List<String> named = new ArrayList<>();
            ProblemBodies.STRICT.readTree(a.body()).path("errors").forEach(e -> named.add(e.path("field").asText()));
            assertThat(named).as(what).contains(h.field());
        }
    }

    private Answer send(Case c) {
        ApiTestClient api = c.headers().length > 0 && c.headers()[0].equals("admin") ? admin : writer;
        String path = c.path().replace("{id}", ticketId);
        HttpRequest.Builder b = api.request(path);
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        for (int i = 0; i < c.headers().length; i += 2) {
            if (!c.headers()[i].equals("admin")) {
                b.header(c.headers()[i], c.headers()[i + 1]);
            }
        }
        if (c.body() == null) {
            b.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes = c.body().getBytes(StandardCharsets.UTF_8);
            b.method(c.method(), c.chunked()
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        return api.send(b.build());
    }

    private static String ticket(String replace, String with) {
        String json = ApiTestClient.ticketJson();
        assertThat(json).contains(replace);
        return json.replace(replace, with);
    }

    private static String usage(String value, String unit, String id) {
        return "{\"id\":\"" + id + "\",\"partSku\":\"P\",\"quantity\":{\"value\":" + value + ",\"unit\":\"" + unit
                + "\"},\"warehouse\":\"W\"}";
    }

    private static Case post(String name, String path, String body, int status, String field, String rule,
            String... headers) {
        return new Case(name, "POST", path, "application/json", body, status, field, rule, false, headers);
    }

    private static Case get(String name, String path, int status, String field, String rule) {
        return new Case(name, "GET", path, null, null, status, field, rule, false, new String[0]);
    }
}
