package org.aftersaleshub.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API security settings ({@code hub.security.*}).
 *
 * @param createDemoKey     create an admin API key on first start and write it to {@code demoKeyFile}; true in the
 *                          embedded default, false in profile {@code prod}
 * @param demoKeyFile       where the demo key is written (owner-only permissions, rw-------); default
 *                          {@code ${hub.data-dir}/demo-api-key.txt}. An existing file is left alone.
 * @param prometheusPublic  serve {@code /actuator/prometheus} without an API key (for a scraper inside a trusted
 *                          network); default false: it needs the {@code metrics:read} scope ({@code admin}
 *                          implies it)
 * @param publicPaths       extra path patterns that need no API key (e.g. IM callbacks verified by signature);
 *                          default none
 * @param keyCacheTtl       how long a verified key id stays cached before the database is asked again; bounds how
 *                          late another hub instance notices a revocation (this instance forgets at once).
 *                          Default 30s.
 */
@ConfigurationProperties("hub.security")
public record HubSecurityProperties(Boolean createDemoKey, Path demoKeyFile, boolean prometheusPublic,
                                    List<String> publicPaths, Duration keyCacheTtl) {

    public HubSecurityProperties {
        createDemoKey = createDemoKey == null || createDemoKey;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        keyCacheTtl = keyCacheTtl == null ? Duration.ofSeconds(30) : keyCacheTtl;
    }
}
