package org.aftersaleshub.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.delivery.DeliveryContract;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns one (event, receiver) pair into a signed HTTP request. Receivers verify
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, "<X-Hub-Timestamp>.<body>")>}, reject a timestamp
 * outside their window, and de-duplicate on {@code Idempotency-Key} (= the event id, the same on every retry and
 * replay).
 */
@Component("webhookRequest")
public class WebhookRequest {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String TIMESTAMP_HEADER = "X-Hub-Timestamp";
    public static final String EVENT_ID_HEADER = "X-Hub-Event-Id";
    public static final String EVENT_TYPE_HEADER = "X-Hub-Event-Type";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final WebhookTargets targets;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public WebhookRequest(WebhookTargets targets) {
        this(targets, Clock.systemUTC());
    }

    WebhookRequest(WebhookTargets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
    }

    /** The split body is the receiver's name; the event JSON comes from the exchange property. */
    public void prepare(Exchange ex) {
        String name = ex.getMessage().getBody(String.class);
        WebhookProperties.Endpoint endpoint = targets.get(name);
        String body = ex.getProperty(DeliveryProperties.EVENT_JSON, String.class);
        String eventId = ex.getProperty(MessageHeaders.EVENT_ID, String.class);
        String timestamp = Long.toString(clock.instant().getEpochSecond());

        // the delivery contract journals the call under this receiver's name and the Idempotency-Key below
        ex.setProperty(DeliveryContract.HTTP_TARGET, name);
        var msg = ex.getMessage();
        // nothing internal (JMS, hub or Camel headers) may leak to the receiver as an HTTP header
        msg.removeHeaders("*");
        msg.setBody(body);
        msg.setHeader(Exchange.HTTP_METHOD, "POST");
        msg.setHeader(Exchange.HTTP_URI, endpoint.url().toString());
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        msg.setHeader(EVENT_ID_HEADER, eventId);
        msg.setHeader(EVENT_TYPE_HEADER, ex.getProperty(MessageHeaders.EVENT_TYPE, String.class));
        msg.setHeader(IDEMPOTENCY_HEADER, eventId);
        msg.setHeader(TIMESTAMP_HEADER, timestamp);
        msg.setHeader(SIGNATURE_HEADER, "sha256=" + sign(endpoint.secret(), timestamp, body));
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
