package org.aftersaleshub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.aftersaleshub.web.OpenApiOperations.Operation;
import org.aftersaleshub.web.OpenApiOperations.Param;
import org.springframework.web.util.UriUtils;

/**
 * Hostile requests derived from the OpenAPI document: for every operation, a request the hub would accept with one
 * thing broken — a path or query parameter, a header, the credentials, the content type, the body or one field of
 * it — and what the answer must say. A new operation or parameter gets its cases without a test being edited.
 */
final class HostileRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_KEY = "ahk_0000000000000000_not-a-key";

    /**
     * One hostile request.
     *
     * @param statuses the statuses the answer may have (all 4xx); empty for any 4xx
     * @param field    what {@code errors[].field} must name, or null when the fault is not in one field
     */
    record Hostile(String operation, String name, byte[] request, Set<Integer> statuses, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    private final OpenApiOperations api;
    private final RawHttp http;
    private final String apiKey;
    private final String ticketId;

    /**
     * @param apiKey   a key with every scope, so a case fails on its fault and not on authorisation
     * @param ticketId an existing ticket, used where a path takes a UUID
     */
    HostileRequests(OpenApiOperations api, RawHttp http, String apiKey, String ticketId) {
        this.api = api;
        this.http = http;
        this.apiKey = apiKey;
        this.ticketId = ticketId;
    }

    /** The cases of one operation, in a stable order. */
    List<Hostile> of(Operation op) {
        Cases c = new Cases(op);
        credentials(op, c);
        headers(op, c);
        query(op, c);
        path(op, c);
        if (op.body() != null) {
            contentTypes(c);
            body(op, c);
        }
        return c.list;
    }

    private void credentials(Operation op, Cases c) {
        if (!op.secured()) {
            return;
        }
        c.add("auth: no credentials", d -> d.anonymous(), Set.of(401), "Authorization");
        c.add("auth: Basic scheme", d -> d.anonymous().header("Authorization: Basic dXNlcjpwYXNzd29yZA=="),
                Set.of(401), "Authorization");
        c.add("auth: Token scheme", d -> d.anonymous().header("Authorization: Token " + apiKey), Set.of(401),
                "Authorization");
        c.add("auth: Bearer without a key", d -> d.anonymous().header("Authorization: Bearer"), Set.of(401),
                "Authorization");
        c.add("auth: Bearer with an unknown key", d -> d.anonymous().header("Authorization: Bearer " + UNKNOWN_KEY),
                Set.of(401), "Authorization");
        c.add("auth: X-API-Key with an unknown key", d -> d.anonymous().header("X-API-Key: " + UNKNOWN_KEY),
                Set.of(401), "X-API-Key");
        c.add("auth: Bearer with non-ASCII bytes", d -> d.anonymous()
                .header("Authorization: Bearer " + RawHttp.bytes("密钥")), Set.of(400, 401), "Authorization");
    }

    private void headers(Operation op, Cases c) {
        c.add("header: 20 KB header section", d -> d.header("X-Padding: " + "a".repeat(20_000)), Set.of(431),
                "headers");
        c.add("header: space in a header name", d -> d.header("Bad Header: x"), Set.of(400), "headers");
        c.add("header: NUL in a header value", d -> d.header("X-Note: a\u0000b"), Set.of(400), "headers");
        c.add("header: line without a colon", d -> d.header("NoColonHere"), Set.of(400), "headers");
        if (op.producesConcrete()) {
            c.add("header: Accept text/csv", d -> d.header("Accept: text/csv"), Set.of(406), "Accept");
        }
        if (op.body() != null) {
            c.add("header: Transfer-Encoding gzip", d -> d.header("Transfer-Encoding: gzip"), Set.of(400),
                    "Transfer-Encoding");
        }
        for (Param p : op.in("header")) {
            String n = p.name();
            if (p.schema().has("maxLength")) {
                int max = p.schema().get("maxLength").asInt();
                c.add("header " + n + ": " + (max + 1) + " characters (maxLength " + max + ")",
                        d -> d.header(n + ": " + "k".repeat(max + 1)), Set.of(400), n);
            }
            String breaks = OpenApiOperations.breaksPattern(p.schema());
            if (breaks != null) {
                c.add("header " + n + ": '" + breaks + "' (pattern " + p.schema().get("pattern").asText() + ")",
                        d -> d.header(n + ": " + breaks), Set.of(400), n);
            }
            c.add("header " + n + ": non-ASCII UTF-8 bytes", d -> d.header(n + ": " + RawHttp.bytes("键-1")),
                    Set.of(400), n);
            c.add("header " + n + ": Latin-1 letters", d -> d.header(n + ": " + RawHttp.bytes("café")),
                    Set.of(400), n);
        }
    }

    private void query(Operation op, Cases c) {
        // Only the API refuses parameters it does not declare: a vendor may add one to its callbacks at any time.
        boolean strict = op.path().startsWith("/api/");
        if (strict) {
            c.add("query: unknown parameter sort=bogus", d -> d.query("sort", "bogus"), Set.of(400), "sort");
            c.add("query: unknown parameter with a typo", d -> d.query("pgae", "1"), Set.of(400), "pgae");
        }
        for (Param p : op.in("query")) {
            String n = p.name();
            JsonNode s = p.schema();
            for (Map.Entry<String, String> bad : badValues(s).entrySet()) {
                c.add("query " + n + " = " + shorten(bad.getValue()) + " (" + bad.getKey() + ")",
                        d -> d.query(n, UriUtils.encodeQueryParam(bad.getValue(), StandardCharsets.UTF_8)),
                        Set.of(400), n);
            }
            if (strict) {
                c.add("query " + n + " = %zz (broken percent-encoding)", d -> d.query(n, "%zz"), Set.of(400), n);
            }
            if (strict && !OpenApiOperations.type(s).equals("array")) {
                // a single-valued parameter sent twice: binding the first and dropping the second is a silent drop
                String v = UriUtils.encodeQueryParam(api.valid(s).asText(), StandardCharsets.UTF_8);
                c.add("query " + n + " given twice", d -> d.query(n, v + "&" + n + "=" + v), Set.of(400), n);
            }
            if (p.required()) {
                c.add("query " + n + " missing (required)", d -> d.withoutQuery(n), Set.of(400), n);
                if (OpenApiOperations.type(s).equals("string")) {
                    c.add("query " + n + " empty (required)", d -> d.query(n, ""), Set.of(400), n);
                }
            }
        }
    }

    private void path(Operation op, Cases c) {
        boolean checksExistence = op.responses().contains("404") && !op.responses().contains("502")
                && !op.responses().contains("503");
        for (Param p : op.in("path")) {
            String n = p.name();
            JsonNode s = p.schema();
            c.add("path " + n + ": encoded traversal ..%2F..%2Fetc", d -> d.path(n, "..%2F..%2Fetc"), Set.of(400),
                    "path");
            c.add("path " + n + ": encoded backslash ..%5C..%5Cwindows", d -> d.path(n, "..%5C..%5Cwindows"),
                    Set.of(400), "path");
            c.add("path " + n + ": NUL x%00y", d -> d.path(n, "x%00y"), Set.of(400), "path");
            c.add("path " + n + ": CR/LF x%0D%0Ay", d -> d.path(n, "x%0D%0Ay"), Set.of(400), "path");
            c.add("path " + n + ": dot segments %2e%2e", d -> d.path(n, "%2e%2e"), Set.of(400), "path");
            c.add("path " + n + ": percent sign x%25y", d -> d.path(n, "x%25y"), Set.of(400), "path");
            c.add("path " + n + ": raw non-ASCII bytes", d -> d.path(n, RawHttp.bytes("工单")), Set.of(400), "path");
            c.add("path " + n + ": 1,000 characters", d -> d.path(n, "a".repeat(1000)), Set.of(), n);
            for (Map.Entry<String, String> bad : badValues(s).entrySet()) {
                if (!bad.getKey().startsWith("maxLength") || s.get("maxLength").asInt() < 999) {
                    c.add("path " + n + ": " + shorten(bad.getValue()) + " (" + bad.getKey() + ")",
                            d -> d.path(n, UriUtils.encodePathSegment(bad.getValue(), StandardCharsets.UTF_8)),
                            Set.of(400), n);
                }
            }
            if (checksExistence) {
                String unknown = unknownId(s);
                c.add("path " + n + ": unknown id " + unknown, d -> d.path(n, unknown), Set.of(404), n);
            }
        }
    }

    private void contentTypes(Cases c) {
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=nonsense", "application/jsonx")) {
            c.add("content type " + type, d -> d.contentType(type), Set.of(415), "Content-Type");
        }
        c.add("content type missing", d -> d.contentType(null), Set.of(415), "Content-Type");
    }

    private void body(Operation op, Cases c) {
        c.add("body: cut-off JSON", d -> d.rawBody("{\"a\":"), Set.of(400), "$");
        c.add("body: not JSON", d -> d.rawBody("channel=WEB&x=1"), Set.of(400), "$");
        c.add("body: array instead of object", d -> d.rawBody("[]"), Set.of(400), "$");
        c.add("body: string instead of object", d -> d.rawBody("\"x\""), Set.of(400), "$");
        c.add("body: 5,000 nested arrays", d -> d.rawBody("{\"a\":" + "[".repeat(5000)), Set.of(400), "$");
        c.add("body: invalid UTF-8", d -> d.rawBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"',
                '}'}), Set.of(400), null);
        if (op.bodyRequired()) {
            c.add("body: empty", d -> d.rawBody(""), Set.of(400), "$");
            c.add("body: null", d -> d.rawBody("null"), Set.of(400), "$");
        }
        c.add("body: unknown property", d -> d.body(((ObjectNode) d.body.deepCopy()).put("unexpectedProperty", 1)),
                Set.of(400), "unexpectedProperty");
        fields(op.body(), "", UnaryOperator.identity(), 0, c);
    }

    /**
     * One case per broken rule of each field of {@code schema}; {@code wrap} turns a value of this object into the
     * whole body (parents keep their valid values).
     */
    private void fields(JsonNode schema, String prefix, UnaryOperator<JsonNode> wrap, int depth, Cases c) {
        ObjectNode valid = (ObjectNode) api.valid(schema);
        java.util.Set<String> required = OpenApiOperations.required(schema);
        for (Map.Entry<String, JsonNode> e : api.properties(schema).entrySet()) {
            String name = e.getKey();
            String field = prefix + name;
            JsonNode s = e.getValue();
            String type = s.has("enum") ? "string" : OpenApiOperations.type(s);
            if (required.contains(name)) {
                JsonNode without = valid.deepCopy();
                ((ObjectNode) without).remove(name);
                c.body("field " + field + " missing (required)", wrap.apply(without), field);
            }
            JsonNode wrongType = switch (type) {
                case "string" -> NODES.objectNode();
                case "array" -> NODES.textNode("x");
                case "object" -> NODES.textNode("x");
                default -> NODES.textNode("abc");
            };
            c.body("field " + field + " = " + wrongType + " (type " + type + ")",
                    wrap.apply(valid.deepCopy().set(name, wrongType)), field);
            for (Map.Entry<String, String> bad : badValues(s).entrySet()) {
                if (bad.getKey().startsWith("not a") || bad.getKey().startsWith("beyond")) {
                    continue; // numbers as text are a wrong type, covered above
                }
                c.body("field " + field + " = " + shorten(bad.getValue()) + " (" + bad.getKey() + ")",
                        wrap.apply(valid.deepCopy().set(name, badJson(s, bad.getKey(), bad.getValue()))), field);
            }
            if (type.equals("array")) {
                array(s, name, field, valid, wrap, depth, c);
            }
            if (type.equals("object") && depth < 2) {
                fields(s, field + ".", child -> wrap.apply(valid.deepCopy().set(name, child)), depth + 1, c);
            }
        }
    }

    private void array(JsonNode s, String name, String field, ObjectNode valid, UnaryOperator<JsonNode> wrap,
            int depth, Cases c) {
        JsonNode items = api.resolve(s.path("items"));
        if (s.has("maxItems")) {
            int max = s.get("maxItems").asInt();
            ArrayNode tooMany = NODES.arrayNode();
            for (int i = 0; i <= max; i++) {
                tooMany.add(api.valid(items));
            }
            c.body("field " + field + ": " + (max + 1) + " items (maxItems " + max + ")",
                    wrap.apply(valid.deepCopy().set(name, tooMany)), field);
        }
        if (s.path("minItems").asInt(0) > 0) {
            c.body("field " + field + ": no items (minItems " + s.get("minItems").asInt() + ")",
                    wrap.apply(valid.deepCopy().set(name, NODES.arrayNode())), field);
        }
        String item = field + "[0]";
        String itemType = items.has("enum") ? "string" : OpenApiOperations.type(items);
        if (itemType.equals("object")) {
            if (depth < 2) {
                fields(items, item + ".", one -> wrap.apply(valid.deepCopy().set(name, NODES.arrayNode().add(one))),
                        depth + 1, c);
            }
            return;
        }
        for (Map.Entry<String, String> bad : badValues(items).entrySet()) {
            if (!bad.getKey().startsWith("not a") && !bad.getKey().startsWith("beyond")) {
                c.body("field " + item + " = " + shorten(bad.getValue()) + " (" + bad.getKey() + ")",
                        wrap.apply(valid.deepCopy().set(name, NODES.arrayNode()
                                .add(badJson(items, bad.getKey(), bad.getValue())))), item);
            }
        }
    }

    /** Values the schema refuses, by the rule they break (as text, the way a query parameter carries them). */
    private static Map<String, String> badValues(JsonNode s) {
        Map<String, String> out = new LinkedHashMap<>();
        String type = s.has("enum") ? "string" : OpenApiOperations.type(s);
        String format = s.path("format").asText("");
        if (type.equals("integer") || type.equals("number")) {
            if (s.has("minimum")) {
                long min = s.get("minimum").asLong();
                out.put("minimum " + min, Long.toString(min - 1));
                if (min - 1 > -1) {
                    out.put("negative", "-1");
                }
            }
            if (s.has("maximum")) {
                out.put("maximum " + s.get("maximum").asLong(), Long.toString(s.get("maximum").asLong() + 1));
            }
            out.put("not a number", "abc");
            out.put("beyond 64 bits", "99999999999999999999");
            if (type.equals("integer")) {
                out.put("not an integer", "1.5");
            }
        } else if (type.equals("boolean")) {
            out.put("not a boolean", "maybe");
        } else if (type.equals("string")) {
            if (s.has("enum")) {
                out.put("enum", "NOT_A_VALUE");
            }
            if (format.equals("date-time")) {
                out.put("format date-time", "yesterday");
            }
            if (format.equals("uuid")) {
                out.put("format uuid", "not-a-uuid");
            }
            String breaks = OpenApiOperations.breaksPattern(s);
            if (breaks != null) {
                out.put("pattern " + s.get("pattern").asText(), breaks);
            }
            if (s.has("maxLength")) {
                int max = s.get("maxLength").asInt();
                out.put("maxLength " + max, "x".repeat(max + 1));
            }
        }
        return out;
    }

    /** A refused value as JSON: a number where the rule is numeric, else a string. */
    private static JsonNode badJson(JsonNode s, String rule, String value) {
        if (rule.startsWith("minimum") || rule.startsWith("maximum") || rule.equals("negative")) {
            return NODES.numberNode(Long.parseLong(value));
        }
        return NODES.textNode(value);
    }

    private static String unknownId(JsonNode s) {
        String type = OpenApiOperations.type(s);
        if (type.equals("integer")) {
            return "987654321";
        }
        if (s.path("format").asText("").equals("uuid")) {
            return UUID.nameUUIDFromBytes("no such id".getBytes(StandardCharsets.UTF_8)).toString();
        }
        for (String id : List.of("unknown-1", "UNKNOWN1", "u1")) {
            if (OpenApiOperations.fits(s, id)) {
                return id;
            }
        }
        return "u";
    }

    private static String shorten(String value) {
        return value.length() <= 24 ? value : value.substring(0, 12) + "…(" + value.length() + " chars)";
    }

    /** The cases of one operation, each built from a fresh valid request. */
    private final class Cases {

        private final Operation op;
        private final List<Hostile> list = new ArrayList<>();

        Cases(Operation op) {
            this.op = op;
        }

        void add(String name, UnaryOperator<Draft> breakIt, Set<Integer> statuses, String field) {
            Draft d = breakIt.apply(new Draft(op));
            list.add(new Hostile(op.id(), name, d.bytes(), statuses, field));
        }

        void body(String name, JsonNode body, String field) {
            add(name, d -> d.body(body), Set.of(400), field);
        }
    }

    /** A request under construction: valid until a case breaks one part of it. */
    private final class Draft {

        private final Operation op;
        private final Map<String, String> path = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private final List<String> headers = new ArrayList<>();
        private boolean authorised = true;
        private String contentType;
        private JsonNode body;
        private byte[] raw;

        Draft(Operation op) {
            this.op = op;
            for (Param p : op.in("path")) {
                String value = p.schema().path("format").asText("").equals("uuid") ? ticketId
                        : OpenApiOperations.type(p.schema()).equals("integer") ? "1" : api.validText(p.schema());
                path.put(p.name(), UriUtils.encodePathSegment(value, StandardCharsets.UTF_8));
            }
            for (Param p : op.in("query")) {
                if (p.required()) {
                    query.put(p.name(), UriUtils.encodeQueryParam(api.valid(p.schema()).asText(),
                            StandardCharsets.UTF_8));
                }
            }
            if (op.body() != null) {
                contentType = "application/json";
                body = api.valid(op.body());
            }
        }

        Draft anonymous() {
            authorised = false;
            return this;
        }

        Draft header(String line) {
            headers.add(line);
            return this;
        }

        Draft query(String name, String encodedValue) {
            query.put(name, encodedValue);
            return this;
        }

        Draft withoutQuery(String name) {
            query.remove(name);
            return this;
        }

        Draft path(String name, String encodedValue) {
            path.put(name, encodedValue);
            return this;
        }

        Draft contentType(String type) {
            contentType = type;
            return this;
        }

        Draft body(JsonNode json) {
            body = json;
            return this;
        }

        Draft rawBody(String text) {
            return rawBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        Draft rawBytes(byte[] bytes) {
            raw = bytes;
            if (contentType == null) {
                contentType = "application/json";
            }
            return this;
        }

        byte[] bytes() {
            String target = op.path();
            for (Map.Entry<String, String> p : path.entrySet()) {
                target = target.replace("{" + p.getKey() + "}", p.getValue());
            }
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(v));
            List<String> lines = new ArrayList<>();
            if (authorised) {
                lines.add("Authorization: Bearer " + apiKey);
            }
            if (contentType != null) {
                lines.add("Content-Type: " + contentType);
            }
            lines.addAll(headers);
            byte[] payload = raw;
            if (payload == null && body != null) {
                try {
                    payload = JSON.writeValueAsBytes(body);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return http.request(op.method(), target + q, lines, payload);
        }
    }
}
