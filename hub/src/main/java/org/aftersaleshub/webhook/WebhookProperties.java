package org.aftersaleshub.webhook;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.webhooks.*}.
 *
 * @param endpoints the receivers; each gets every ticket event (or the types it lists)
 * @param timeoutMs time a receiver has to answer, per attempt (default 10000)
 * @param consumers concurrent consumers of the outbound-webhook route (default 16, more than other routes: a consumer
 *                  waits out a failing receiver's retry back-off, and the others keep the healthy tickets flowing)
 */
@ConfigurationProperties("hub.webhooks")
public record WebhookProperties(List<Endpoint> endpoints, Integer timeoutMs, Integer consumers) {

    public WebhookProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        timeoutMs = timeoutMs == null || timeoutMs < 100 ? 10_000 : timeoutMs;
        consumers = consumers == null || consumers < 1 ? 16 : consumers;
    }

    /**
     * One receiver.
     *
     * @param name       unique, lower-case letters, digits and dashes; names the target in the journal and dead letters
     * @param url        http(s) URL the events are POSTed to
     * @param secret     <b>secret</b>: HMAC-SHA256 key of the {@code X-Hub-Signature-256} header; at least 16 characters
     * @param eventTypes only these event types (e.g. TicketCreated); empty = all
     */
    public record Endpoint(String name, URI url, String secret, Set<String> eventTypes) {

        public Endpoint {
            eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        }

        public boolean wants(String eventType) {
            return eventTypes.isEmpty() || eventTypes.contains(eventType);
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Endpoint[name=" + name + ", url=" + url + ", secret=****, eventTypes=" + eventTypes + "]";
        }
    }
}
