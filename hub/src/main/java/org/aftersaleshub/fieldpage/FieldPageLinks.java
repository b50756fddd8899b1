package org.aftersaleshub.fieldpage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring links to the field page, one per engineer and ticket: {@code <hub.public-base-url>/field/<token>}
 * with {@code token = base64url(payload) "." base64url(HMAC-SHA256(link key, payload))} and {@code payload =
 * "v1\n" staffId "\n" ticketId "\n" purpose "\n" expiry (epoch seconds)}. The signature makes every part tamper-proof;
 * whether the engineer may still act (still the assignee) is decided on each request from the ticket, not from the
 * link. Notice templates reach this bean as the {@code fieldPageLink} value.
 */
@Component("fieldPageLinks")
public class FieldPageLinks {

    /** What a link is for; signed, so a token made for something else never opens this page. */
    static final String PURPOSE = "field-page";
    private static final String VERSION = "v1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A verified link: who, which ticket, until when. */
    public record Claims(String staffId, String ticketId, Instant expiresAt) {
    }

    /** Why a link does not open the page. */
    enum Refusal {
        /** not a token of ours, or altered */
        TAMPERED,
        /** signed, but past its expiry */
        EXPIRED,
        /** signed for someone who is not (or no longer) the ticket's assignee */
        NOT_ASSIGNEE,
        /** signed for a ticket the hub does not hold */
        UNKNOWN_TICKET
    }

    /** Thrown when a link is refused; carries no part of the token. */
    static final class LinkRefused extends RuntimeException {
        private final Refusal refusal;

        LinkRefused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    private final SecretKeySpec key;
    private final FieldPageProperties props;
    private final String baseUrl;
    private final Clock clock;

    @Autowired
    FieldPageLinks(FieldPageProperties props, @Value("${hub.data-dir:./data}") String dataDir,
                   @Value("${hub.public-base-url:http://127.0.0.1:8080}") String baseUrl) {
        this(LinkKey.resolve(props, Path.of(dataDir)), props, baseUrl, Clock.systemUTC());
    }

    FieldPageLinks(byte[] key, FieldPageProperties props, String baseUrl, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.props = props;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The page's address for this engineer and ticket, valid for {@code hub.field-page.link-ttl} from now. */
    public String link(String staffId, String ticketId) {
        return baseUrl + "/field/" + token(staffId, ticketId, clock.instant().plus(props.linkTtl()));
    }

    String token(String staffId, String ticketId, Instant expiresAt) {
        if (staffId == null || staffId.isBlank() || ticketId == null || ticketId.isBlank()
                || (staffId + ticketId).contains("\n")) {
            throw new IllegalArgumentException("a field page link needs a staff id and a ticket id");
        }
        byte[] payload = String.join("\n", VERSION, staffId, ticketId, PURPOSE,
                Long.toString(expiresAt.getEpochSecond())).getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(payload) + "." + B64.encodeToString(sign(payload));
    }

    /**
     * The claims of a well-signed, unexpired token for this page.
     *
     * @throws LinkRefused TAMPERED or EXPIRED
     */
    Claims verify(String token) {
        if (token == null || token.length() > 512) {
            throw new LinkRefused(Refusal.TAMPERED);
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = B64D.decode(token.substring(0, Math.max(dot, 0)));
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new LinkRefused(Refusal.TAMPERED);
        }
        // compared in constant time: a timing difference would let someone guess a signature byte by byte
        if (dot <= 0 || !MessageDigest.isEqual(sign(payload), signature)) {
            throw new LinkRefused(Refusal.TAMPERED);
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !PURPOSE.equals(parts[3])
                || !parts[4].matches("\\d{1,12}")) {
            throw new LinkRefused(Refusal.TAMPERED);
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[4]));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new LinkRefused(Refusal.EXPIRED);
        }
        return new Claims(parts[1], parts[2], expiresAt);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
