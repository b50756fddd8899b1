package org.aftersaleshub.connector;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds connectors on the class path with {@link ServiceLoader}; no class-path scanning. */
public final class HubConnectors {

    private HubConnectors() {
    }

    /** A fresh, unstarted instance of every connector declared in {@code META-INF/services}. */
    public static List<HubConnector> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    public static List<HubConnector> discover(ClassLoader loader) {
        return ServiceLoader.load(HubConnector.class, loader).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** A fresh instance of the connector named {@code name} ({@link HubConnector#name()}), if one is installed. */
    public static Optional<HubConnector> byName(String name) {
        return discover().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
