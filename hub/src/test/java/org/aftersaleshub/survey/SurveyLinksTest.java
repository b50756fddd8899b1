package org.aftersaleshub.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.aftersaleshub.fieldpage.FieldPageProperties;
import org.aftersaleshub.timers.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Survey links: only a well-signed, unexpired survey token opens a survey, and only its own ticket's. */
class SurveyLinksTest {

    @TempDir
    Path dataDir;

    final MovableClock clock = new MovableClock(Duration.ZERO);

    SurveyLinks links(String key) {
        FieldPageProperties props = new FieldPageProperties(key, false, null, null, null, null);
        return new SurveyLinks(props, dataDir.toString(), "https://hub.example.com/", clock);
    }

    static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkOpensItsTicketUntilItExpires() {
        SurveyLinks links = links("k".repeat(40));
        String link = links.link("t-1", clock.instant().plus(Duration.ofDays(7)));
        assertThat(link).startsWith("https://hub.example.com/survey/");
        assertThat(links.ticketOf(token(link))).contains("t-1");
        clock.advance(Duration.ofDays(7));
        assertThat(links.ticketOf(token(link))).isEmpty();
    }

    @Test
    void anAlteredTokenOrAnotherKeysTokenOpensNothing() {
        SurveyLinks links = links("k".repeat(40));
        String token = token(links.link("t-1", Instant.now().plus(Duration.ofDays(1))));
        String otherTicket = token(links.link("t-2", Instant.now().plus(Duration.ofDays(1))));
        String forged = otherTicket.substring(0, otherTicket.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(links.ticketOf(forged)).isEmpty();
        assertThat(links.ticketOf(token + "x")).isEmpty();
        assertThat(links.ticketOf("not-a-token")).isEmpty();
        assertThat(links("z".repeat(40)).ticketOf(token)).isEmpty();
    }
}
