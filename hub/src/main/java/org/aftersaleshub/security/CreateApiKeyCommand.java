package org.aftersaleshub.security;

import java.io.PrintStream;
import java.util.Arrays;
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
 * The command {@code java -jar hub.jar --hub.create-api-key=<name>:<scope>[,<scope>...]}: creates the key, prints
 * it to standard output once (nowhere else) and exits. Example: {@code --hub.create-api-key=erp-bridge:tickets:read}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CreateApiKeyCommand extends OneShotCommand {

    /** The option that triggers the command. */
    public static final String PROPERTY = CREATE_API_KEY;

    private final ApiKeyService keys;

    @Autowired
    public CreateApiKeyCommand(Environment environment, ApiKeyService keys, ConfigurableApplicationContext context) {
        this(environment, keys, context, System.out, System::exit);
    }

    CreateApiKeyCommand(Environment environment, ApiKeyService keys, ConfigurableApplicationContext context,
            PrintStream out, IntConsumer exit) {
        super(PROPERTY, environment, context, out, exit);
        this.keys = keys;
    }

    @Override
    protected String execute(String spec) {
        int colon = spec.indexOf(':');
        List<ApiScope> scopes;
        try {
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException("expected <name>:<scope>[,<scope>...]");
            }
            scopes = Arrays.stream(spec.substring(colon + 1).split(",")).map(ApiScope::of).toList();
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage() + "; scopes: " + Arrays.toString(ApiScope.values()));
        }
        return keys.create(spec.substring(0, colon).trim(), scopes, "command-line").key();
    }
}
