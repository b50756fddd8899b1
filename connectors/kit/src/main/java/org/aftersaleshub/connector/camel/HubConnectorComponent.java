package org.aftersaleshub.connector.camel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.SharedState;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.OptionNames;
import org.aftersaleshub.connector.operation.Operation;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

/**
 * The one Camel component design of every connector: scheme = connector type, path = connector instance,
 * {@code operation} = what to do — {@code kingdee:kingdee-sh?operation=deduct}, {@code u8:u8-bj?operation=stock}.
 * A connector module subclasses it in one line ({@code super(KingdeeConnector::new)}) and lists the subclass in
 * {@code META-INF/services/org/apache/camel/component/<scheme>}.
 *
 * <p>Endpoint options other than {@code operation} are the connector's own config keys in camelCase
 * ({@code kingdee.app-secret} → {@code appSecret}), bound generically from its {@code ConfigDef}: they only start a
 * standalone instance (plain Camel, outside the hub). An instance the deployment declares is used as it is —
 * an endpoint never starts a second connector next to it, so one token cache and one rate budget serve every
 * route and API call.
 */
public class HubConnectorComponent extends DefaultComponent {

    private final Supplier<HubConnector> factory;
    private final HubConnector prototype;
    @Metadata(autowired = true, description = "The deployment's connector instances (the hub provides them)")
    private ConnectorInstances instances;

    protected HubConnectorComponent(Supplier<HubConnector> factory) {
        this.factory = factory;
        this.prototype = factory.get();
    }

    /** The connector type, which is also the scheme. */
    public String type() {
        return prototype.name();
    }

    public ConnectorInstances getInstances() {
        return instances;
    }

    public void setInstances(ConnectorInstances instances) {
        this.instances = instances;
    }

    synchronized ConnectorInstances instances() {
        if (instances == null) {
            ConnectorInstances shared = getCamelContext().getRegistry().findSingleByType(ConnectorInstances.class);
            if (shared == null) {
                // the deployment's shared stores, when the registry has them (the hub's database-backed ones)
                shared = new ConnectorInstances(getCamelContext().getRegistry().findSingleByType(SharedState.class));
                getCamelContext().getRegistry().bind("connectorInstances", shared);
            }
            instances = shared;
        }
        return instances;
    }

    Supplier<HubConnector> factory() {
        return factory;
    }

    /** The endpoint option of a config key: its suffix in camelCase ({@code kingdee.acct-id} → {@code acctId}). */
    public static String optionOf(ConfigKey key) {
        return OptionNames.camelCase(key.name().substring(key.name().indexOf('.') + 1));
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String instance = remaining == null ? "" : remaining.trim();
        if (!ConnectorInstances.NAME.matcher(instance).matches()) {
            throw new IllegalArgumentException(type() + ":" + instance + " — the path must name a connector instance "
                    + "(lower-case letters, digits, dashes), e.g. " + type() + ":" + type()
                    + "-main?operation=" + prototype.operations().get(0).name());
        }
        Object opName = parameters.remove("operation");
        if (opName == null) {
            throw new IllegalArgumentException(type() + ":" + instance + " needs ?operation=, one of "
                    + operationNames());
        }
        Operation<?> operation = prototype.operations().stream().filter(o -> o.name().equals(opName.toString()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("operation '" + opName + "' is not "
                        + "offered by " + type() + " connectors; use one of " + operationNames()
                        + didYouMean(opName.toString(), operationNames())));
        Map<String, String> config = new LinkedHashMap<>();
        for (ConfigKey k : prototype.configDef().keys()) {
            Object v = parameters.remove(optionOf(k));
            if (v != null) {
                config.put(k.name(), v.toString());
            }
        }
        HubConnectorEndpoint endpoint = new HubConnectorEndpoint(this, instance, operation, config);
        setProperties(endpoint, parameters);
        if (!parameters.isEmpty()) {
            List<String> known = new ArrayList<>(List.of("operation"));
            prototype.configDef().keys().forEach(k -> known.add(optionOf(k)));
            String first = parameters.keySet().iterator().next();
            throw new IllegalArgumentException("unknown option(s) " + parameters.keySet() + " on " + type() + ":"
                    + instance + didYouMean(first, known) + "; options are operation and the " + type()
                    + " config keys in camelCase (see docs/connectors/" + type() + ".md)");
        }
        if (!config.isEmpty()) {
            endpoint.connector(); // an endpoint with its own keys starts (or checks) its instance now, not on first use
        }
        return endpoint;
    }

    private List<String> operationNames() {
        return prototype.operations().stream().map(Operation::name).toList();
    }

    /** "; did you mean 'x'?" when one candidate is within two edits, else empty. */
    static String didYouMean(String given, List<String> candidates) {
        return candidates.stream().min(Comparator.comparingInt(c -> distance(c.toLowerCase(), given.toLowerCase())))
                .filter(c -> distance(c.toLowerCase(), given.toLowerCase()) <= 2)
                .map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
