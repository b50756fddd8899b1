package org.aftersaleshub.connector.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the configuration reference of a connector from its {@link ConfigDef}: one Markdown table per group.
 * Connector modules keep the generated file under {@code docs/connectors/} and a test fails when it differs from
 * the declaration.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    /**
     * @param title   the page title ("Kingdee K/3 Cloud connector")
     * @param intro   Markdown placed under the title (may be empty)
     */
    public static String markdown(ConfigDef def, String title, String intro) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append(" — configuration reference\n\n");
        out.append("<!-- GENERATED from the connector's ConfigDef; do not edit by hand. -->\n\n");
        if (!intro.isBlank()) {
            out.append(intro.strip()).append("\n\n");
        }
        Map<String, List<ConfigKey>> byGroup = new LinkedHashMap<>();
        for (ConfigKey k : def.keys()) {
            byGroup.computeIfAbsent(k.group(), g -> new ArrayList<>()).add(k);
        }
        for (var group : byGroup.entrySet()) {
            out.append("## ").append(group.getKey()).append("\n\n");
            out.append("| Key | Name | Type | Default | Required | Importance | Secret | Description |\n");
            out.append("|---|---|---|---|---|---|---|---|\n");
            for (ConfigKey k : group.getValue()) {
                out.append("| `").append(k.name()).append("` | ").append(cell(k.label())).append(" | ")
                        .append(type(k)).append(" | ")
                        .append(k.defaultValue() == null ? "" : "`" + cell(k.defaultValue()) + "`").append(" | ")
                        .append(k.required() ? "yes" : "no").append(" | ")
                        .append(k.importance().name().toLowerCase()).append(" | ")
                        .append(k.secret() ? "yes" : "no").append(" | ")
                        .append(cell(k.description())).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String type(ConfigKey k) {
        String base = switch (k.type()) {
            case ENUM -> "one of " + k.enumValues().stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
            case MAP -> "map (`a=b,c=d`)";
            default -> k.type().name().toLowerCase();
        };
        String ranges = k.rules().stream().map(Rule::describe).filter(s -> !s.isBlank())
                .collect(Collectors.joining("; "));
        return ranges.isEmpty() ? base : base + " (" + cell(ranges) + ")";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
