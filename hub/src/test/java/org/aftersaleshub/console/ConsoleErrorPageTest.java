package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A console page whose template fails while rendering is a 500 without details: a Chinese page for a browser,
 * problem+json for htmx and other clients; never a stack trace or the cause (ConsoleHttp checks every answer for
 * stack traces and canaries too).
 */
class ConsoleErrorPageTest extends ConsoleTestSupport {

    private ConsoleHttp signedIn() {
        ConsoleHttp b = new ConsoleHttp(base(), CANARIES);
        b.login(user(ConsoleRole.VIEWER, List.of()), PASSWORD);
        return b;
    }

    @Test
    void aBrowserGetsTheChineseErrorPage() {
        ConsoleHttp.Page page = signedIn().get("/console/test/broken");

        assertThat(page.status()).isEqualTo(500);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("页面出错 (500)").contains("id=\"error-detail\"")
                .doesNotContain("line 1").doesNotContain(BrokenPageTestController.CAUSE)
                .doesNotContain("IllegalStateException").doesNotContain("Whitelabel");
    }

    @Test
    void htmxAndOtherClientsGetProblemJson() {
        ConsoleHttp b = signedIn();
        for (Map<String, String> headers : List.of(Map.of("Accept", "text/html", "HX-Request", "true"),
                Map.of("Accept", "application/json"))) {
            ConsoleHttp.Page p = b.get("/console/test/broken", headers);
            assertThat(p.status()).as(headers.toString()).isEqualTo(500);
            assertThat(p.contentType()).startsWith("application/problem+json");
            assertThat(p.body()).contains("\"status\":500").contains("\"instance\":\"/console/test/broken\"")
                    .contains("urn:aftersales-hub:problem:internal")
                    .doesNotContain(BrokenPageTestController.CAUSE).doesNotContain("IllegalStateException");
        }
    }

    @Test
    void aControllerErrorForHtmxIsProblemJsonToo() {
        ConsoleHttp.Page p = signedIn().get("/console/tickets?status=LOST",
                Map.of("Accept", "text/html", "HX-Request", "true"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.contentType()).startsWith("application/problem+json");
        assertThat(p.body()).contains("status: one of");
    }
}
