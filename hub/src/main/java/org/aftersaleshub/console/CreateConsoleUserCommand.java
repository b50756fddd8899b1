package org.aftersaleshub.console;

import java.io.PrintStream;
import java.util.List;
import java.util.function.IntConsumer;
import org.aftersaleshub.support.OneShotCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The command {@code java -jar hub.jar --hub.create-console-user=<username>:<role>[:<regions>[:<teams>]]}: creates a
 * console user with a random password, prints the password to standard output once (nowhere else) and exits.
 * Regions and teams (comma-separated) scope a supervisor. Example: {@code --hub.create-console-user=ops-admin:admin}
 * or {@code --hub.create-console-user=li.lei:supervisor:华东,华南}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CreateConsoleUserCommand extends OneShotCommand {

    /** The option that triggers the command. */
    public static final String PROPERTY = CREATE_CONSOLE_USER;

    private final ConsoleUsers users;

    @Autowired
    public CreateConsoleUserCommand(Environment environment, ConsoleUsers users, ConfigurableApplicationContext context) {
        this(environment, users, context, System.out, System::exit);
    }

    CreateConsoleUserCommand(Environment environment, ConsoleUsers users, ConfigurableApplicationContext context,
            PrintStream out, IntConsumer exit) {
        super(PROPERTY, environment, context, out, exit);
        this.users = users;
    }

    @Override
    protected String execute(String spec) {
        String[] parts = spec.split(":", -1);
        String password = ConsoleUsers.randomPassword();
        try {
            if (parts.length < 2 || parts.length > 4) {
                throw new IllegalArgumentException("expected <username>:<role>[:<regions>[:<teams>]]");
            }
            List<String> regions = parts.length > 2 ? ConsoleUsers.list(parts[2]) : List.of();
            List<String> teams = parts.length > 3 ? ConsoleUsers.list(parts[3]) : List.of();
            users.create(parts[0].trim(), password, ConsoleRole.of(parts[1]), regions, teams, "command-line");
        } catch (RuntimeException e) {
            throw new Refused(e instanceof IllegalArgumentException ? e.getMessage() : "the user exists already");
        }
        return password;
    }
}
