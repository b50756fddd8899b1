package org.aftersaleshub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped cards and the field page (docs/field-page.md): with a resolution note required, 完成 on the accepted and
 * in-progress cards opens the assignee's page (a WeCom URL button, the DingTalk {@code complete-page} action with
 * {@code pageUrl}) instead of calling back; 申请备件 opens the page at its parts form; without a link (someone else's
 * card) neither is offered.
 */
class FieldPageCardsTest {

    static final String LINK = "https://hub.example.com/field/abc.def";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Ticket ticket(TicketStatus status) {
        Instant at = Instant.parse("2026-12-07T06:30:00Z");
        return new Ticket("5f0c6d1e-0000-4000-8000-000000000009", "T20261207-000099", Channel.CALL_CENTER, "C0001",
                new DeviceRef("SN1", "AC-9"), "制冷异常", null, Priority.NORMAL, "华东", status, "staff-1", null, null,
                at, at, null, List.of(), 3);
    }

    Map<String, Object> values(NoticeKind kind, TicketStatus status, String link, boolean onPage) {
        return new NoticeFacts(ZoneId.of("Asia/Shanghai"), "https://hub.example.com/console/tickets/{ticketId}")
                .forTicket(kind, ticket(status), JSON.valueToTree(Map.of("actorName", "张三", "action", "accept")),
                        Instant.now(), new NoticeFacts.Addressee("张三", "负责工程师", false), "张三", link, onPage);
    }

    JsonNode render(NoticeKind kind, String channel, Map<String, Object> values) throws Exception {
        return JSON.readTree(new NoticeTemplates(dir).render(kind, channel, values));
    }

    @Test
    void withANoteRequiredCompleteOpensThePageAndPartsOpensItsForm() throws Exception {
        for (var c : List.of(Map.entry(NoticeKind.TICKET_ACCEPTED, TicketStatus.ACCEPTED),
                Map.entry(NoticeKind.TICKET_IN_PROGRESS, TicketStatus.IN_PROGRESS))) {
            Map<String, Object> v = values(c.getKey(), c.getValue(), LINK, true);
            JsonNode wecom = render(c.getKey(), "wecom-card", v);
            JsonNode complete = button(wecom, "完成");
            assertThat(complete.path("type").asInt()).isEqualTo(1);
            assertThat(complete.path("url").asText()).isEqualTo(LINK + "#resolve");
            assertThat(complete.path("key").asText()).doesNotStartWith("complete:");
            JsonNode parts = button(wecom, "申请备件");
            assertThat(parts.path("type").asInt()).isEqualTo(1);
            assertThat(parts.path("url").asText()).isEqualTo(LINK + "#parts");

            JsonNode ding = render(c.getKey(), "dingtalk-card", v);
            assertThat(ding.path("actions").asText()).contains("complete-page").endsWith(",parts")
                    .doesNotContain("complete,");
            assertThat(List.of(ding.path("actions").asText().split(","))).doesNotContain("complete");
            assertThat(ding.path("pageUrl").asText()).isEqualTo(LINK);
            assertThat(ding.path("partsUrl").asText()).isEqualTo(LINK + "#parts");
        }
    }

    @Test
    void withoutTheSettingCompleteCallsBackAndPartsStillOpensThePage() throws Exception {
        Map<String, Object> v = values(NoticeKind.TICKET_IN_PROGRESS, TicketStatus.IN_PROGRESS, LINK, false);
        JsonNode wecom = render(NoticeKind.TICKET_IN_PROGRESS, "wecom-card", v);
        assertThat(button(wecom, "完成").path("key").asText()).isEqualTo("complete:" + ticket(TicketStatus.NEW).id());
        assertThat(button(wecom, "完成").has("url")).isFalse();
        assertThat(button(wecom, "申请备件").path("url").asText()).isEqualTo(LINK + "#parts");
        assertThat(render(NoticeKind.TICKET_IN_PROGRESS, "dingtalk-card", v).path("actions").asText())
                .isEqualTo("complete,parts");
    }

    @Test
    void aCardWithoutTheAssigneesLinkOffersNeitherPageButton() throws Exception {
        Map<String, Object> v = values(NoticeKind.TICKET_ACCEPTED, TicketStatus.ACCEPTED, null, true);
        JsonNode wecom = render(NoticeKind.TICKET_ACCEPTED, "wecom-card", v);
        assertThat(wecom.path("button_list").findValuesAsText("text")).containsExactly("到场", "完成");
        assertThat(wecom.path("button_list").findValues("url")).isEmpty();
        JsonNode ding = render(NoticeKind.TICKET_ACCEPTED, "dingtalk-card", v);
        assertThat(ding.path("actions").asText()).isEqualTo("arrive,complete");
        assertThat(ding.path("pageUrl").asText()).isEmpty();
    }

    static JsonNode button(JsonNode wecomCard, String text) {
        for (JsonNode b : wecomCard.path("button_list")) {
            if (b.path("text").asText().equals(text)) {
                return b;
            }
        }
        throw new AssertionError("no button " + text + " in " + wecomCard);
    }
}
