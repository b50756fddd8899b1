package org.aftersaleshub.sla;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML document as a Jackson tree plus where each node is in the file (by JSON pointer), so a problem found in
 * the tree can name its line and column. Read twice: once as tokens for the locations, once as the tree.
 */
final class LocatedYaml {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    final JsonNode root;
    private final Map<String, JsonLocation> locations;

    private LocatedYaml(JsonNode root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    /** @throws JsonProcessingException with its location when the text is not YAML */
    static LocatedYaml parse(String text) throws IOException {
        Map<String, JsonLocation> at = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                // a key's own position for "pointer" (the key names the problem better than its value)
                at.putIfAbsent(pointer, p.currentTokenLocation());
            }
        }
        JsonNode root = MAPPER.readTree(text);
        return new LocatedYaml(root == null ? MissingNode.getInstance() : root, at);
    }

    /** Line and column of the node at {@code pointer}, or of its nearest located parent; {0, 0} when none. */
    int[] where(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation l = locations.get(p);
            if (l != null) {
                return new int[] {l.getLineNr(), l.getColumnNr()};
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0 || p.isEmpty()) {
                return new int[] {0, 0};
            }
            p = p.substring(0, slash);
        }
    }
}
