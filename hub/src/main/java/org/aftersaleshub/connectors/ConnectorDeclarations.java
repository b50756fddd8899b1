package org.aftersaleshub.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.HubConnectors;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads the connector instances a deployment declares:
 * <pre>
 * hub:
 *   connectors:
 *     kingdee-sh:              # the instance name routes use: kingdee:kingdee-sh?operation=deduct
 *       type: kingdee          # which connector (installed: see GET /api/v1/connectors)
 *       base-url: https://erp.example.com/k3cloud/
 *       app-secret: ${KINGDEE_SH_APP_SECRET}
 *     u8-bj:
 *       type: u8
 *       enabled: true          # false keeps the declaration but starts nothing
 *       ...
 * </pre>
 * Each instance's other keys are its connector's own keys without the type prefix ({@code base-url} for
 * {@code kingdee.base-url}; docs/connectors/&lt;type&gt;.md lists them). The single-ERP shorthand of wave 1 still
 * works: {@code hub.erp.connector: kingdee} declares an instance named {@code kingdee} whose keys are the top-level
 * {@code kingdee.*} (so {@code KINGDEE_APP_SECRET} in the environment sets {@code kingdee.app-secret}).
 */
final class ConnectorDeclarations {

    static final String PREFIX = "hub.connectors";

    /**
     * One declared instance.
     *
     * @param name    instance name
     * @param type    connector type
     * @param origin  where its keys are set, for messages ({@code hub.connectors.kingdee-sh.} or {@code kingdee.})
     * @param config  the connector's keys with their full names ({@code kingdee.base-url})
     */
    record Declaration(String name, String type, String origin, Map<String, String> config) {

        /** How a connector key of this instance is spelt where it is set. */
        String whereSet(String connectorKey) {
            return origin + connectorKey.substring(connectorKey.indexOf('.') + 1);
        }
    }

    private ConnectorDeclarations() {
    }

    /**
     * Every enabled declaration, or the problems that stop the start (unknown type, bad name, unknown key). Key
     * problems of the connectors themselves are found later by their own validation.
     */
    static List<Declaration> read(Environment env, String legacyType, List<ConfigProblem> problems) {
        Map<String, String> flat = Binder.get(env).bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Map<String, String>> byInstance = new LinkedHashMap<>();
        flat.forEach((k, v) -> {
            int dot = k.indexOf('.');
            String name = dot < 0 ? k : k.substring(0, dot);
            String suffix = dot < 0 ? "" : k.substring(dot + 1);
            byInstance.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(suffix, v);
        });
        List<Declaration> out = new ArrayList<>();
        byInstance.forEach((name, keys) -> {
            String origin = PREFIX + "." + name + ".";
            if (!ConnectorInstances.NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(PREFIX + "." + name, "pattern", "instance name '" + name + "' must be "
                        + "1-63 lower-case letters, digits or dashes (it is the path of kingdee:<name> endpoints)"));
                return;
            }
            if ("false".equalsIgnoreCase(keys.getOrDefault("enabled", "true").trim())) {
                return;
            }
            String type = keys.getOrDefault("type", "").trim();
            Optional<HubConnector> connector = type.isEmpty() ? Optional.empty() : HubConnectors.byName(type);
            if (connector.isEmpty()) {
                problems.add(new ConfigProblem(origin + "type", type.isEmpty() ? "required" : "one-of",
                        origin + "type " + (type.isEmpty() ? "is required" : "'" + type + "' is not an installed "
                        + "connector") + "; installed: " + installed()));
                return;
            }
            Map<String, String> config = new LinkedHashMap<>();
            keys.forEach((suffix, value) -> {
                if (!suffix.equals("type") && !suffix.equals("enabled") && !suffix.isEmpty()) {
                    config.put(type + "." + suffix, value);
                }
            });
            out.add(new Declaration(name, type, origin, config));
        });
        if (legacyType != null && !legacyType.isBlank()) {
            String type = legacyType.trim();
            Optional<HubConnector> connector = HubConnectors.byName(type);
            if (connector.isEmpty()) {
                problems.add(new ConfigProblem("hub.erp.connector", "one-of", "hub.erp.connector '" + type
                        + "' is not an installed connector; installed: " + installed()
                        + " (leave it empty to run without an ERP, or declare instances under hub.connectors)"));
            } else if (byInstance.containsKey(type)) {
                problems.add(new ConfigProblem("hub.erp.connector", "requires", "hub.erp.connector=" + type
                        + " declares an instance named '" + type + "', and hub.connectors." + type
                        + " declares one too; keep one of them"));
            } else {
                Map<String, String> config = new LinkedHashMap<>();
                for (ConfigKey key : connector.get().configDef().keys()) {
                    String value = env.getProperty(key.name());
                    if (value != null) {
                        config.put(key.name(), value);
                    }
                }
                out.add(new Declaration(type, type, type + ".", config));
            }
        }
        return out;
    }

    static List<String> installed() {
        return HubConnectors.discover().stream().map(HubConnector::name).toList();
    }
}
