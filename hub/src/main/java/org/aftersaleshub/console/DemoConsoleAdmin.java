package org.aftersaleshub.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.aftersaleshub.support.OneShotCommand;
import org.aftersaleshub.support.OwnerOnlyFiles;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Embedded default: on first start, when there is no console user yet, creates {@code admin} with a random password
 * and writes the sign-in to {@code hub.console.demo-admin-file} with owner-only permissions (rw-------), as the demo
 * API key is. Logs the file path, never the password. Off in profile {@code prod}: there the first admin comes from
 * {@link CreateConsoleUserCommand}.
 */
@Component
public class DemoConsoleAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoConsoleAdmin.class);

    private final ConsoleProperties properties;
    private final ConsoleUsers users;
    private final Environment environment;

    public DemoConsoleAdmin(ConsoleProperties properties, ConsoleUsers users, Environment environment) {
        this.properties = properties;
        this.users = users;
        this.environment = environment;
    }

    public Path file() {
        return properties.demoAdminFile() != null ? properties.demoAdminFile()
                : Path.of(environment.getProperty("hub.data-dir", "./data"), "console-admin.txt");
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.createDemoAdmin() || OneShotCommand.requested(environment) || users.count() > 0) {
            return;
        }
        Path file = file().toAbsolutePath().normalize();
        String n = System.lineSeparator();
        if (OwnerOnlyFiles.writeOnce(file, () -> {
            String password = ConsoleUsers.randomPassword();
            users.create("admin", password, ConsoleRole.ADMIN, List.of(), List.of(), "demo");
            return "# 运维控制台 operations console: http://localhost:" + environment.getProperty("server.port", "8080")
                    + "/console" + n + "username=admin" + n + "password=" + password + n;
        })) {
            log.info("Created console user 'admin' for the embedded default; its password is in {}", file);
        }
    }
}
