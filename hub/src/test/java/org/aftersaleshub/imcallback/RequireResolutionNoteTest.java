package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.aftersaleshub.fieldpage.FieldPageLinks;
import org.aftersaleshub.mock.imcrm.CallbackSender;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code hub.field-page.require-resolution-note: true}: a 完成 click on a card never resolves the ticket — the card
 * says to open the page — and the note written on the assignee's field page does (docs/field-page.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequireResolutionNoteTest extends CallbackTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        CallbackRequests.properties(r);
        r.add("hub.field-page.require-resolution-note", () -> "true");
    }

    @Autowired
    FieldPageLinks links;

    @Test
    void theCardsCompleteClickDoesNotResolveAndTheNoteOnThePageDoes() throws Exception {
        WeComMock wecom = mocks.get(WeComMock.class);
        wecom.settings().callback.url = requests.url("/callbacks/wecom/wc-main");
        String task = card(ticketId);
        String[][] steps = {{"accept", "ACCEPTED"}, {"arrive", "IN_PROGRESS"}};
        for (int i = 0; i < steps.length; i++) {
            CallbackSender.Attempt a = wecom.clickTemplateCard(zhang.weComUserId().toLowerCase(),
                    steps[i][0] + ":" + ticketId, task, "button_interaction", 1000002);
            assertThat(a.accepted()).as(a.verdict()).isTrue();
            assertThat(awaitCardEvents(ticketId, i + 1).get(i).get("outcome").asText()).isEqualTo("APPLIED");
        }
        assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");
        long version = version(ticketId);

        CallbackSender.Attempt complete = wecom.clickTemplateCard(zhang.weComUserId().toLowerCase(),
                "complete:" + ticketId, task, "button_interaction", 1000002);
        assertThat(complete.accepted()).as(complete.verdict()).isTrue();
        JsonNode refused = awaitCardEvents(ticketId, 3).get(2);
        assertThat(refused.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.get("refusal").asText()).isEqualTo("note-required");
        assertThat(refused.get("message").asText()).contains("处理说明");
        assertThat(status(ticketId)).isEqualTo("IN_PROGRESS");
        assertThat(version(ticketId)).isEqualTo(version);
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketResolved'", Integer.class, ticketId)).isZero();

        // the engineer writes the note on the page the card opens
        String link = links.link(zhang.staffId(), ticketId);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + link.substring(link.indexOf("/field/")) + "/resolve"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("note=%E5%B7%B2%E6%9B%B4%E6%8D%A2%E7%94%B5%E5%AE%B9"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(status(ticketId)).isEqualTo("RESOLVED");
        assertThat(history(ticketId).get(history(ticketId).size() - 1).get("reason").toString())
                .startsWith("处理说明：已更换电容");
    }
}
