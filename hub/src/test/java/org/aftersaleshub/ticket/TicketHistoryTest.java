package org.aftersaleshub.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The {@link TicketHistory} bean the timeline uses: the same rows as the status-history endpoint, in order. */
class TicketHistoryTest extends ApiH2IntegrationTest {

    @Autowired
    TicketHistory ticketHistory;

    @Test
    void historyListsCreationAssignmentAndStatusChangesOldestFirstWithTheirEventIds() {
        ApiTestClient api = writer();
        String id = api.post("/api/v1/tickets", ApiTestClient.ticketJson()).json().get("id").asText();
        api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-7\"}");
        api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"ACCEPTED\",\"reason\":\"接单\"}");

        List<StatusChange> history = ticketHistory.history(id);

        assertThat(history).extracting(StatusChange::toStatus)
                .containsExactly(TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.ACCEPTED);
        assertThat(history).extracting(StatusChange::fromStatus)
                .containsExactly(null, TicketStatus.NEW, TicketStatus.ASSIGNED);
        assertThat(history.get(1).assigneeId()).isEqualTo("E-7");
        assertThat(history.get(2).reason()).isEqualTo("接单");
        assertThat(history).extracting(StatusChange::eventId).containsExactlyElementsOf(jdbc.queryForList(
                "select event_id from outbox where ticket_id = ? order by sequence_no", String.class, id));
        assertThat(ticketHistory.history("00000000-0000-4000-8000-000000000000")).isEmpty();
    }
}
