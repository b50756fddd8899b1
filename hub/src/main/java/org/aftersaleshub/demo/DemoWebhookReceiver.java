package org.aftersaleshub.demo;

import io.swagger.v3.oas.annotations.Hidden;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.webhook.WebhookRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A webhook receiver as an integrator would write one: verifies the signature and the timestamp window,
 * de-duplicates on Idempotency-Key, answers 2xx. {@code GET /demo/webhook} shows the last deliveries.
 * Its secret is generated at start and known only to this process.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoWebhookReceiver {

    public static final String ENDPOINT_NAME = "demo-receiver";
    public static final String PATH = "/demo/webhook";
    private static final long WINDOW_SECONDS = 300;

    private final String secret;
    private final Deque<Map<String, Object>> recent = new ArrayDeque<>();

    public DemoWebhookReceiver() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** The secret the demo endpoint signs with (handed to the webhook targets, never logged). */
    public String secret() {
        return secret;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> receive(@RequestBody String body,
            @RequestHeader(WebhookRequest.SIGNATURE_HEADER) String signature,
            @RequestHeader(WebhookRequest.TIMESTAMP_HEADER) String timestamp,
            @RequestHeader(WebhookRequest.IDEMPOTENCY_HEADER) String key,
            @RequestHeader(WebhookRequest.EVENT_TYPE_HEADER) String type) {
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "X-Hub-Timestamp is not epoch seconds"));
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > WINDOW_SECONDS) {
            return ResponseEntity.status(401).body(Map.of("error", "timestamp outside the 300 s window"));
        }
        String expected = "sha256=" + WebhookRequest.sign(secret, timestamp, body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return ResponseEntity.status(401).body(Map.of("error", "signature mismatch"));
        }
        synchronized (recent) {
            boolean duplicate = recent.stream().anyMatch(r -> key.equals(r.get("idempotencyKey")));
            if (!duplicate) {
                recent.addFirst(Map.of("at", Instant.now().toString(), "idempotencyKey", key, "type", type));
                while (recent.size() > 50) {
                    recent.removeLast();
                }
            }
            return ResponseEntity.ok(Map.of("received", key, "duplicate", duplicate));
        }
    }

    @GetMapping(PATH)
    public List<Map<String, Object>> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
