package org.aftersaleshub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** What the pipeline benchmark reads from the hub's application.yaml: the demo Kingdee keys, the consumer count. */
final class HubSettings {

    private HubSettings() {
    }

    /**
     * The hub's application.yaml flattened to Spring-style keys ({@code hub.connectors.kingdee-demo.app-id},
     * {@code hub.erp.consumers}); lists are skipped (the benchmark reads only scalars).
     */
    static Map<String, String> read(Path yaml) throws IOException {
        Map<String, String> flat = new LinkedHashMap<>();
        try (var reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, flat);
                }
            }
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (v != null && !(v instanceof List<?>)) {
                into.putIfAbsent(key, String.valueOf(v));
            }
        });
    }

    /**
     * The keys of the embedded default's Kingdee instance ({@code hub.connectors.kingdee-demo.*} in the hub's
     * application.yaml, the demo account), as the connector's own keys ({@code kingdee.app-id}); a value that is a
     * {@code ${hub...}} placeholder is resolved from the same file.
     */
    static Map<String, String> kingdeeKeys(Map<String, String> settings, Path yaml) {
        String prefix = "hub.connectors." + PipelineBench.DEMO_INSTANCE + ".";
        Map<String, String> keys = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            String key = k.startsWith(prefix) ? k.substring(prefix.length()) : "";
            if (!key.isEmpty() && !key.equals("type") && !key.equals("enabled")) {
                String value = v.startsWith("${") && v.endsWith("}") ? settings.get(v.substring(2, v.length() - 1))
                        : v;
                if (value == null) {
                    throw new IllegalStateException(k + ": " + v + " not found in " + yaml);
                }
                keys.put("kingdee." + key, value);
            }
        });
        // no code maps: parts and warehouses are master data (DemoMasterData), the hub sends both codes
        for (String required : List.of("base-url", "acct-id", "user-name", "app-id", "app-secret", "org-number")) {
            if (!keys.containsKey("kingdee." + required)) {
                throw new IllegalStateException(prefix + required + " not found in " + yaml);
            }
        }
        return keys;
    }
}
