package org.aftersaleshub.console;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aftersaleshub.security.CreateApiKeyCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
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
        if (!properties.createDemoAdmin() || environment.containsProperty(CreateApiKeyCommand.PROPERTY)
                || environment.containsProperty(CreateConsoleUserCommand.PROPERTY)) {
            return;
        }
        Path file = file().toAbsolutePath().normalize();
        if (Files.exists(file) || users.count() > 0) {
            return;
        }
        Files.createDirectories(file.getParent());
        try {
            OwnerOnlyFiles.create(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        String password = ConsoleUsers.randomPassword();
        users.create("admin", password, ConsoleRole.ADMIN, List.of(), List.of(), "demo");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# 运维控制台 operations console: http://localhost:" + environment.getProperty("server.port", "8080")
                    + "/console" + System.lineSeparator());
            w.write("username=admin" + System.lineSeparator());
            w.write("password=" + password + System.lineSeparator());
        }
        log.info("Created console user 'admin' for the embedded default; its password is in {}", file);
    }
}
