package org.aftersaleshub.survey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.fieldpage.FieldPageProperties;
import org.aftersaleshub.fieldpage.LinkKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring survey links {@code <hub.public-base-url>/survey/<token>}, made like the field page's links
 * (fieldpage/FieldPageLinks) with the same link key ({@link LinkKey}: every hub instance shares it), but a payload
 * of their own — {@code "v1\n" ticketId "\nsurvey\n" expiry} — so a field page token never opens a survey and the
 * other way round.
 */
@Component
public class SurveyLinks {

    private static final String PURPOSE = "survey";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final String baseUrl;
    private final Clock clock;

    SurveyLinks(FieldPageProperties fieldPage, @Value("${hub.data-dir:./data}") String dataDir,
                @Value("${hub.public-base-url:http://127.0.0.1:8080}") String baseUrl, Clock clock) {
        this.key = new SecretKeySpec(LinkKey.resolve(fieldPage, Path.of(dataDir)), "HmacSHA256");
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    public String link(String ticketId, Instant expiresAt) {
        byte[] payload = String.join("\n", "v1", ticketId, PURPOSE, Long.toString(expiresAt.getEpochSecond()))
                .getBytes(StandardCharsets.UTF_8);
        return baseUrl + "/survey/" + B64.encodeToString(payload) + "." + B64.encodeToString(sign(payload));
    }

    /** The ticket of a well-signed, unexpired survey token; empty otherwise (nothing says which check failed). */
    public Optional<String> ticketOf(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        try {
            byte[] payload = B64D.decode(token.substring(0, Math.max(dot, 0)));
            byte[] signature = B64D.decode(token.substring(dot + 1));
            if (dot <= 0 || !MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4 || !"v1".equals(parts[0]) || !PURPOSE.equals(parts[2])
                    || !parts[3].matches("\\d{1,12}")
                    || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[3])))) {
                return Optional.empty();
            }
            return Optional.of(parts[1]);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
