package org.aftersaleshub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The operations of the API as its OpenAPI document ({@code /v3/api-docs}) describes them, and valid values built
 * from their schemas: the hostile-request tests start from a request the hub would accept and break one thing.
 */
final class OpenApiOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Tried in turn for a string that must match a pattern. */
    private static final List<String> STRING_CANDIDATES = List.of("x1", "A-1", "1", "x", "OPEN", "a.b");

    /** One parameter: {@code in} is path, query, header or cookie; the schema is resolved. */
    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One operation.
     *
     * @param body             the request body's schema (resolved), or null when the operation takes none
     * @param bodyRequired     whether the body must be present
     * @param responses        the documented status codes
     * @param producesConcrete whether a 2xx answer names a concrete media type (so an Accept it cannot serve is
     *                         refused before the operation runs)
     * @param secured          whether the operation needs an API key (the document's global security applies
     *                         unless the operation declares an empty list)
     */
    record Operation(String method, String path, List<Param> params, JsonNode body, boolean bodyRequired,
                     Set<String> responses, boolean producesConcrete, boolean secured) {

        String id() {
            return method + " " + path;
        }

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }
    }

    private final JsonNode doc;

    OpenApiOperations(JsonNode doc) {
        this.doc = doc;
    }

    /** Every operation under {@code /api/} and {@code /callbacks/}, in document order. */
    List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/") && !path.getKey().startsWith("/callbacks/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                out.add(operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
            }
        }
        return out;
    }

    private Operation operation(String method, String path, JsonNode op) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            params.add(new Param(param.path("name").asText(), param.path("in").asText(),
                    param.path("required").asBoolean(false), resolve(param.path("schema"))));
        }
        JsonNode body = null;
        boolean bodyRequired = false;
        JsonNode requestBody = op.get("requestBody");
        if (requestBody != null) {
            JsonNode json = requestBody.path("content").path("application/json");
            body = json.isMissingNode() ? null : resolve(json.path("schema"));
            bodyRequired = requestBody.path("required").asBoolean(false);
        }
        Set<String> responses = new TreeSet<>();
        boolean concrete = false;
        for (Iterator<Map.Entry<String, JsonNode>> r = op.path("responses").fields(); r.hasNext(); ) {
            Map.Entry<String, JsonNode> response = r.next();
            responses.add(response.getKey());
            if (response.getKey().startsWith("2")) {
                for (Iterator<String> types = response.getValue().path("content").fieldNames(); types.hasNext(); ) {
                    concrete |= !types.next().contains("*");
                }
            }
        }
        JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
        boolean secured = security.isArray() && !security.isEmpty();
        return new Operation(method, path, List.copyOf(params), body, bodyRequired, responses, concrete, secured);
    }

    /** Follows a {@code $ref} into {@code #/components}. */
    JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n != null && n.has("$ref"); i++) {
            JsonNode target = doc;
            for (String part : n.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            n = target;
        }
        return n == null ? NODES.missingNode() : n;
    }

    /** The properties of an object schema, resolved. */
    Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), resolve(e.getValue()));
        }
        return out;
    }

    static Set<String> required(JsonNode schema) {
        Set<String> out = new TreeSet<>();
        schema.path("required").forEach(r -> out.add(r.asText()));
        return out;
    }

    static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (!each.asText().equals("null")) {
                    return each.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** A value the schema accepts: its example or default where they fit, else the smallest valid one. */
    JsonNode valid(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.has("enum")) {
            return s.get("enum").get(0);
        }
        switch (type(s)) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                Map<String, JsonNode> props = properties(s);
                for (String name : required(s)) {
                    o.set(name, valid(props.getOrDefault(name, NODES.objectNode())));
                }
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < s.path("minItems").asInt(0); i++) {
                    a.add(valid(s.path("items")));
                }
                return a;
            }
            case "integer":
                return NODES.numberNode(s.has("minimum") ? Math.max(1, s.get("minimum").asLong()) : 1);
            case "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode(validText(s));
        }
    }

    /** A string the schema accepts. */
    String validText(JsonNode schema) {
        String format = schema.path("format").asText("");
        if (format.equals("date-time")) {
            return "2030-01-01T00:00:00Z";
        }
        if (format.equals("uuid")) {
            return "3f1c2a4e-8d7b-4c6a-9e2f-1a2b3c4d5e6f";
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).asText();
        }
        List<String> candidates = new ArrayList<>();
        if (schema.path("example").isTextual()) {
            candidates.add(schema.get("example").asText());
        }
        candidates.addAll(STRING_CANDIDATES);
        for (String c : candidates) {
            if (fits(schema, c)) {
                return c;
            }
        }
        throw new IllegalStateException("no valid string for schema " + schema);
    }

    /** Whether a string keeps the schema's length and pattern. */
    static boolean fits(JsonNode schema, String value) {
        if (schema.has("maxLength") && value.length() > schema.get("maxLength").asInt()) {
            return false;
        }
        if (schema.has("minLength") && value.length() < schema.get("minLength").asInt()) {
            return false;
        }
        return !schema.has("pattern") || Pattern.compile(schema.get("pattern").asText()).matcher(value).matches();
    }

    /** A string the schema's pattern refuses (but of an allowed length), or null when none of a few tries does. */
    static String breaksPattern(JsonNode schema) {
        if (!schema.has("pattern")) {
            return null;
        }
        Pattern p = Pattern.compile(schema.get("pattern").asText());
        for (String c : List.of("not valid!", "x y", "!", "%", "<x>", "~")) {
            if (!p.matcher(c).matches()
                    && (!schema.has("maxLength") || c.length() <= schema.get("maxLength").asInt())) {
                return c;
            }
        }
        return null;
    }
}
