package org.aftersaleshub.support;

import java.io.PrintStream;
import java.util.function.IntConsumer;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A command run as {@code java -jar hub.jar --<property>=<spec>} (an API key, a console user): the hub starts, the
 * command prints its one secret on stdout — never in the log — and the process exits 0; a bad spec prints why on
 * stderr and exits 2. Without the property the runner does nothing and the hub runs as usual.
 */
public abstract class OneShotCommand implements ApplicationRunner {

    /** A spec the command refuses; its message is printed after the option's name. */
    protected static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The options of the one-shot commands: {@code --hub.create-api-key}, {@code --hub.create-console-user}. */
    public static final String CREATE_API_KEY = "hub.create-api-key";
    public static final String CREATE_CONSOLE_USER = "hub.create-console-user";

    private final String property;
    private final Environment environment;
    private final ConfigurableApplicationContext context;
    private final PrintStream out;
    private final IntConsumer exit;

    protected OneShotCommand(String property, Environment environment, ConfigurableApplicationContext context,
                             PrintStream out, IntConsumer exit) {
        this.property = property;
        this.environment = environment;
        this.context = context;
        this.out = out;
        this.exit = exit;
    }

    /** Whether this start runs a one-shot command (it prints its secret and exits: no demo secrets are made). */
    public static boolean requested(Environment environment) {
        return environment.containsProperty(CREATE_API_KEY) || environment.containsProperty(CREATE_CONSOLE_USER);
    }

    /** Does the work for {@code spec}; returns the line to print, or throws {@link Refused}. */
    protected abstract String execute(String spec);

    @Override
    public void run(ApplicationArguments args) {
        String spec = environment.getProperty(property);
        if (spec == null) {
            return;
        }
        String line;
        try {
            line = execute(spec);
        } catch (Refused e) {
            System.err.println("--" + property + ": " + e.getMessage());
            exit.accept(SpringApplication.exit(context, () -> 2));
            return;
        }
        out.println(line);
        out.flush();
        exit.accept(SpringApplication.exit(context, () -> 0));
    }
}
