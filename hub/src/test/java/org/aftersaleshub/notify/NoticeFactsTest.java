package org.aftersaleshub.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** What a card offers after a click when its update is rendered late (the im-card-updates queue lagging). */
class NoticeFactsTest {

    final NoticeFacts facts = new NoticeFacts(ZoneId.of("Asia/Shanghai"), "https://hub.example.com/t/{ticketId}");
    final Instant at = Instant.parse("2026-12-07T06:30:00Z");

    Ticket ticket(TicketStatus status) {
        return new Ticket("5f0c6d1e-0000-4000-8000-000000000001", "T20261207-000042", Channel.CALL_CENTER, "C0001",
                new DeviceRef("SN000123", "AC-9"), "制冷异常", "不制冷", Priority.HIGH, "华东", status, "staff-1", null,
                null, at, at, null, List.of(), 4);
    }

    Map<String, Object> card(NoticeKind kind, TicketStatus now, String clickLeft) {
        return facts.forTicket(kind, ticket(now), new ObjectMapper().valueToTree(Map.of("status", clickLeft,
                "outcome", "APPLIED")), at, null, "张三");
    }

    @Test
    void theAcceptedCardRenderedAfterTheTicketWasResolvedStillOffersWhatTheAcceptLeft() {
        Map<String, Object> v = card(NoticeKind.TICKET_ACCEPTED, TicketStatus.RESOLVED, "ACCEPTED");
        assertThat(v.get("offerArrive")).isEqualTo(Boolean.TRUE);
        assertThat(v.get("offerComplete")).isEqualTo(Boolean.TRUE);
        assertThat(v.get("offerAccept")).isNull();
        assertThat(v.get("status")).isEqualTo(NoticeFacts.status(TicketStatus.ACCEPTED));
    }

    @Test
    void aNewAssignmentShowsTheTicketAsItIsNow() {
        Map<String, Object> v = card(NoticeKind.TICKET_ASSIGNED, TicketStatus.ASSIGNED, "RESOLVED");
        assertThat(v.get("offerAccept")).isEqualTo(Boolean.TRUE);
    }
}
