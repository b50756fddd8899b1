package org.aftersaleshub.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.aftersaleshub.support.OneShotCommand;
import org.aftersaleshub.support.OwnerOnlyFiles;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Embedded default: on first start, creates an admin API key named {@code demo-admin} and writes it to
 * {@code hub.security.demo-key-file} with owner-only permissions (rw-------). Logs the file path, never the key.
 * Does nothing when the file exists or {@code hub.security.create-demo-key} is false (profile {@code prod}).
 */
@Component
public class DemoApiKeyFile implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoApiKeyFile.class);

    private final HubSecurityProperties properties;
    private final ApiKeyService keys;
    private final Environment environment;

    public DemoApiKeyFile(HubSecurityProperties properties, ApiKeyService keys, Environment environment) {
        this.properties = properties;
        this.keys = keys;
        this.environment = environment;
    }

    /** The configured file, or {@code <hub.data-dir>/demo-api-key.txt}. */
    public Path file() {
        return properties.demoKeyFile() != null ? properties.demoKeyFile()
                : Path.of(environment.getProperty("hub.data-dir", "./data"), "demo-api-key.txt");
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        // a one-shot command run (an API key, a console user) prints its secret and exits: no demo key then
        if (!properties.createDemoKey() || OneShotCommand.requested(environment)) {
            return;
        }
        Path file = file().toAbsolutePath().normalize();
        if (OwnerOnlyFiles.writeOnce(file, () -> keys.create("demo-admin", Set.of(ApiScope.ADMIN), "demo").key()
                + System.lineSeparator())) {
            log.info("Created an admin API key for the embedded default; read it from {} "
                    + "(send it as 'Authorization: Bearer <key>')", file);
        } else {
            log.info("Demo API key already exists in {}", file);
        }
    }
}
