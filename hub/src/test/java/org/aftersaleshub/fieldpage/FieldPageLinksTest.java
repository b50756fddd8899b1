package org.aftersaleshub.fieldpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.aftersaleshub.fieldpage.FieldPageLinks.Claims;
import org.aftersaleshub.fieldpage.FieldPageLinks.LinkRefused;
import org.aftersaleshub.fieldpage.FieldPageLinks.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed links on their own: what verifies, and each way a link is refused. */
class FieldPageLinksTest {

    static final byte[] KEY = "a-test-key-of-more-than-thirty-two-chars".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    static final FieldPageProperties PROPS = new FieldPageProperties(null, true, Duration.ofHours(72), false, null,
            null);

    FieldPageLinks links(Instant now) {
        return new FieldPageLinks(KEY, PROPS, "https://hub.example.com/", Clock.fixed(now, ZoneOffset.UTC));
    }

    static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkVerifiesForItsEngineerAndTicketUntilItsExpiry() {
        String link = links(NOW).link("staff-1", "ticket-1");
        assertThat(link).startsWith("https://hub.example.com/field/");
        Claims c = links(NOW.plus(Duration.ofHours(71))).verify(token(link));
        assertThat(c.staffId()).isEqualTo("staff-1");
        assertThat(c.ticketId()).isEqualTo("ticket-1");
        assertThat(c.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(72)));
    }

    @Test
    void pastItsExpiryALinkIsRefusedAsExpired() {
        String token = token(links(NOW).link("staff-1", "ticket-1"));
        assertRefused(() -> links(NOW.plus(Duration.ofHours(72))).verify(token), Refusal.EXPIRED);
    }

    @Test
    void aChangedEngineerTicketOrExpiryBreaksTheSignature() {
        String token = token(links(NOW).link("staff-1", "ticket-1"));
        String signature = token.substring(token.indexOf('.'));
        for (String payload : new String[] {"v1\nstaff-2\nticket-1\nfield-page\n" + NOW.plusSeconds(259_200)
                .getEpochSecond(), "v1\nstaff-1\nticket-2\nfield-page\n" + NOW.plusSeconds(259_200).getEpochSecond(),
                "v1\nstaff-1\nticket-1\nfield-page\n" + NOW.plusSeconds(9_999_999).getEpochSecond()}) {
            String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(
                    StandardCharsets.UTF_8)) + signature;
            assertRefused(() -> links(NOW).verify(forged), Refusal.TAMPERED);
        }
        // one character of the signature changed, a truncated token, garbage
        char last = token.charAt(token.length() - 1);
        assertRefused(() -> links(NOW).verify(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')),
                Refusal.TAMPERED);
        assertRefused(() -> links(NOW).verify(token.substring(0, token.indexOf('.'))), Refusal.TAMPERED);
        assertRefused(() -> links(NOW).verify("not-a-token"), Refusal.TAMPERED);
        // signed with another key
        FieldPageLinks other = new FieldPageLinks("another-key-of-more-than-thirty-two-chars".getBytes(
                StandardCharsets.UTF_8), PROPS, "https://hub.example.com", Clock.fixed(NOW, ZoneOffset.UTC));
        assertRefused(() -> links(NOW).verify(token(other.link("staff-1", "ticket-1"))), Refusal.TAMPERED);
    }

    @Test
    void aTokenSignedForAnotherPurposeDoesNotOpenThePage() throws Exception {
        byte[] payload = ("v1\nstaff-1\nticket-1\nsomething-else\n" + NOW.plusSeconds(60).getEpochSecond())
                .getBytes(StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString(payload) + "." + b64.encodeToString(mac.doFinal(payload));
        assertRefused(() -> links(NOW).verify(token), Refusal.TAMPERED);
    }

    @Test
    void withoutAConfiguredKeyOneIsMadeOnceOwnerOnlyOrTheStartStops(@TempDir Path dir) throws Exception {
        byte[] first = LinkKey.resolve(PROPS, dir);
        byte[] again = LinkKey.resolve(PROPS, dir);
        assertThat(again).isEqualTo(first);
        assertThat(first.length).isGreaterThanOrEqualTo(LinkKey.MIN_CHARS);
        Path file = dir.resolve(LinkKey.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        FieldPageProperties prod = new FieldPageProperties(null, false, null, null, null, null);
        assertThatThrownBy(() -> LinkKey.resolve(prod, dir)).hasMessageContaining("HUB_LINK_KEY");
        FieldPageProperties shortKey = new FieldPageProperties("too-short", false, null, null, null, null);
        assertThatThrownBy(() -> LinkKey.resolve(shortKey, dir)).hasMessageContaining("at least 32")
                .hasMessageNotContaining("too-short");
        assertThat(shortKey.toString()).doesNotContain("too-short");
    }

    static void assertRefused(Runnable verify, Refusal expected) {
        assertThatThrownBy(verify::run).isInstanceOfSatisfying(LinkRefused.class,
                e -> assertThat(e.refusal()).isEqualTo(expected));
    }
}
