package org.aftersaleshub.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.*} keys of the route runtime.
 *
 * @param routesDir     folder of the YAML routes the IT team edits; its {@code *.yaml} files are loaded at start,
 *                      in name order (default {@code ./routes})
 * @param routesInclude file-name globs of the routes to load from that folder (default all {@code *.yaml}), e.g.
 *                      {@code outbound-webhook.yaml} for a hub without an ERP
 */
@ConfigurationProperties("hub")
public record RoutesProperties(String routesDir, java.util.List<String> routesInclude) {

    public RoutesProperties {
        routesDir = routesDir == null || routesDir.isBlank() ? "./routes" : routesDir;
        routesInclude = routesInclude == null || routesInclude.isEmpty() ? java.util.List.of("*.yaml", "*.yml")
                : java.util.List.copyOf(routesInclude);
    }

    /** Whether a file in the routes folder is to be loaded. */
    public boolean includes(java.nio.file.Path file) {
        java.nio.file.FileSystem fs = file.getFileSystem();
        return routesInclude.stream().anyMatch(glob -> fs.getPathMatcher("glob:" + glob).matches(file.getFileName()));
    }
}
