package org.aftersaleshub.connector.yonyou;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.OptionNames;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Base of the {@code u8:} and {@code yonbip:} endpoints: the path is the {@link StockOperation}; every other option
 * is a connector config key in camelCase ({@code u8.app-secret} → {@code appSecret}), declared on the subclass as a
 * {@link UriParam} field so Camel tooling sees it (and its {@code secret} flag). The connector's {@code ConfigDef}
 * stays the one declaration: the component copies URI parameters into config keys by that naming rule, and a test
 * checks that the annotated fields and the keys match one to one.
 *
 * <p>The endpoint starts its own connector when it starts (stage-1 validation fails the route start naming the
 * key) and stops it when it stops.
 */
public abstract class ConnectorEndpoint extends DefaultEndpoint {

    @UriPath(description = "What to do with the body: deduct, compensate or stock")
    @Metadata(required = true)
    private StockOperation operation;

    private final Map<String, String> config = new LinkedHashMap<>();
    private HubConnector connector;

    protected ConnectorEndpoint(String uri, Component component, StockOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    /** A fresh, unstarted connector of this endpoint's kind. */
    protected abstract HubConnector newConnector();

    public StockOperation getOperation() {
        return operation;
    }

    /** The connector config key an option stands for: {@code prefix} + the camelCase name in kebab case. */
    public static String keyOf(String prefix, String option) {
        return prefix + option.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The option name of a config key: the part after the prefix, in camelCase ({@link OptionNames}). */
    public static String optionOf(ConfigKey key) {
        return OptionNames.camelCase(key.name().substring(key.name().indexOf('.') + 1));
    }

    /** Takes the options that are config keys out of {@code parameters} (the rest stay for Camel to judge). */
    void bind(Map<String, Object> parameters) {
        HubConnector probe = newConnector();
        for (ConfigKey k : probe.configDef().keys()) {
            Object v = parameters.remove(optionOf(k));
            if (v != null) {
                config.put(k.name(), v.toString());
                setField(optionOf(k), v.toString());
            }
        }
    }

    private void setField(String name, String value) {
        for (Class<?> c = getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                f.set(this, value);
                return;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The connector, started with this endpoint's options (available once the endpoint started). */
    public synchronized HubConnector connector() {
        if (connector == null) {
            HubConnector c = newConnector();
            c.start(config);
            connector = c;
        }
        return connector;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        connector();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (connector != null) {
            connector.stop();
            connector = null;
        }
        super.doStop();
    }

    @Override
    public Producer createProducer() {
        return new StockProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(getEndpointUri() + " is producer-only: use it in to(...)");
    }

    @Override
    public boolean isRemote() {
        return true;
    }
}
