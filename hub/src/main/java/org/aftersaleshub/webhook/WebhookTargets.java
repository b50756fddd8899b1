package org.aftersaleshub.webhook;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.aftersaleshub.demo.DemoWebhookReceiver;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The configured webhook receivers, validated once at start: a bad entry stops the hub with the key, the rule
 * and the fix, instead of failing on the first event.
 */
@Component("webhookTargets")
public class WebhookTargets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, WebhookProperties.Endpoint> byName = new LinkedHashMap<>();
    private final Environment environment;

    public WebhookTargets(WebhookProperties props, Optional<DemoWebhookReceiver> demo, Environment environment) {
        demo.ifPresent(receiver -> byName.put(DemoWebhookReceiver.ENDPOINT_NAME, new WebhookProperties.Endpoint(
                DemoWebhookReceiver.ENDPOINT_NAME, null, receiver.secret(), java.util.Set.of())));
        this.environment = environment;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < props.endpoints().size(); i++) {
            WebhookProperties.Endpoint e = props.endpoints().get(i);
            String key = "hub.webhooks.endpoints[" + i + "]";
            if (e.name() == null || !NAME.matcher(e.name()).matches()) {
                problems.add(key + ".name must be 1-63 lower-case letters, digits or dashes (was '" + e.name() + "')");
            } else if (byName.containsKey(e.name())) {
                problems.add(key + ".name '" + e.name() + "' is used twice; names must be unique");
            }
            if (e.url() == null || !("http".equals(e.url().getScheme()) || "https".equals(e.url().getScheme()))
                    || e.url().getHost() == null) {
                problems.add(key + ".url must be an absolute http(s) URL (was '" + e.url() + "')");
            }
            if (e.secret() == null || e.secret().length() < 16) {
                problems.add(key + ".secret must be at least 16 characters (set it from the environment,"
                        + " e.g. secret: ${WEBHOOK_" + (e.name() == null ? "X" : e.name().toUpperCase().replace('-', '_'))
                        + "_SECRET})");
            }
            if (e.name() != null) {
                byName.put(e.name(), e);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid webhook configuration:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * The receivers of one event: every endpoint that wants its type, or only {@code onlyTarget} on a dead-letter
     * replay.
     */
    public List<String> targetsFor(String eventType, String onlyTarget) {
        if (onlyTarget != null && !onlyTarget.isBlank()) {
            return byName.containsKey(onlyTarget) ? List.of(onlyTarget) : List.of();
        }
        return byName.values().stream().filter(e -> e.wants(eventType)).map(WebhookProperties.Endpoint::name).toList();
    }

    public WebhookProperties.Endpoint get(String name) {
        WebhookProperties.Endpoint e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no webhook endpoint named '" + name + "'");
        }
        if (e.url() == null) {
            // the in-process demo receiver: its port is known only once the web server runs
            return new WebhookProperties.Endpoint(e.name(), URI.create("http://127.0.0.1:"
                    + environment.getProperty("local.server.port") + DemoWebhookReceiver.PATH), e.secret(),
                    e.eventTypes());
        }
        return e;
    }
}
