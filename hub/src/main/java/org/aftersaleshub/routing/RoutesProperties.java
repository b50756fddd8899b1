package org.aftersaleshub.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.*} keys of the route runtime.
 *
 * @param routesDir folder of the YAML routes the IT team edits; every {@code *.yaml} file in it is loaded at start,
 *                  in name order (default {@code ./routes})
 */
@ConfigurationProperties("hub")
public record RoutesProperties(String routesDir) {

    public RoutesProperties {
        routesDir = routesDir == null || routesDir.isBlank() ? "./routes" : routesDir;
    }
}
