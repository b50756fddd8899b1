package org.aftersaleshub.mock.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A request body in any of the envelopes of docs/vendor-apis/kingdee-k3cloud.md §3, reduced to positional arguments or
 * named keys: {@code {"parameters":[..]}} (array, or the array as a JSON string), {@code {"formid","data"}},
 * {@code {"FormId","Data"}}, the legacy ApiClient wrapper ({@code parameters} as a string plus
 * {@code format/useragent/rid/timestamp/v}). Values that are JSON strings holding JSON are parsed on access.
 */
final class KingdeeEnvelope {

    private final ObjectMapper json;
    private final JsonNode root;
    private final List<JsonNode> positional;

    private KingdeeEnvelope(ObjectMapper json, JsonNode root, List<JsonNode> positional) {
        this.json = json;
        this.root = root;
        this.positional = positional;
    }

    static KingdeeEnvelope parse(ObjectMapper json, byte[] body) throws IOException {
        JsonNode root = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("request body is not a JSON object");
        }
        JsonNode params = named(root, "parameters");
        List<JsonNode> positional = null;
        if (params.isTextual()) {
            params = json.readTree(params.asText());
        }
        if (params.isArray()) {
            positional = new ArrayList<>();
            params.forEach(positional::add);
        }
        return new KingdeeEnvelope(json, root, positional);
    }

    /** A key of the root object, ignoring case (clients send {@code formid} and {@code FormId}). */
    static JsonNode named(JsonNode obj, String key) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    boolean isPositional() {
        return positional != null;
    }

    /** Positional argument {@code i}, or the named key; JSON-in-a-string is parsed when it looks like JSON. */
    JsonNode arg(int i, String... names) {
        JsonNode v = MissingNode.getInstance();
        if (positional != null) {
            v = i < positional.size() ? positional.get(i) : MissingNode.getInstance();
        } else {
            for (String n : names) {
                v = named(root, n);
                if (!v.isMissingNode()) {
                    break;
                }
            }
        }
        return unwrap(v);
    }

    String text(int i, String... names) {
        JsonNode v = arg(i, names);
        return v.isMissingNode() || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    JsonNode root() {
        return root;
    }

    private JsonNode unwrap(JsonNode v) {
        if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.startsWith("{") || t.startsWith("[")) {
                try {
                    return json.readTree(t);
                } catch (IOException e) {
                    return v;
                }
            }
        }
        return v;
    }
}
