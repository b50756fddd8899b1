package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The pages' content: escaping, filters, errors as pages or problems, the KPI API. */
class ConsolePagesTest extends ConsoleTestSupport {

    @Autowired
    ApiKeyService keys;

    ConsoleHttp signedIn(ConsoleRole role) {
        ConsoleHttp b = new ConsoleHttp(base(), CANARIES);
        b.login(user(role, List.of()), PASSWORD);
        return b;
    }

    @Test
    void whatCustomersTypedIsShownAsText() {
        Ticket t = ticket("华东", "<img src=x onerror=alert(1)>");
        ConsoleHttp.Page page = signedIn(ConsoleRole.VIEWER).get("/console/tickets/" + t.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void aTicketsLabelsAreOnItsPage() {
        Ticket t = ticket("华东", "标签");
        assertThat(signedIn(ConsoleRole.VIEWER).get("/console/tickets/" + t.id()).body()).doesNotContain("紧急预警");
        labels.add(t.id(), "紧急预警", "sla:high-pending-2h", java.time.Instant.now());
        assertThat(signedIn(ConsoleRole.VIEWER).get("/console/tickets/" + t.id()).body()).contains("标签")
                .contains("紧急预警");
    }

    @Autowired
    org.aftersaleshub.sla.TicketLabels labels;

    @Test
    void ticketFiltersFindTheTicketAndBadFiltersNameTheField() {
        Ticket t = ticket("西北", "filters");
        ConsoleHttp b = signedIn(ConsoleRole.ADMIN);
        ConsoleHttp.Page found = b.get("/console/tickets?region=%E8%A5%BF%E5%8C%97&status=NEW");
        assertThat(found.body()).contains(t.number());
        assertThat(b.get("/console/tickets?region=%E8%A5%BF%E5%8C%97&status=CLOSED").body()).doesNotContain(t.number());

        ConsoleHttp.Page bad = b.get("/console/tickets?from=yesterday", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("from: a date like");
        ConsoleHttp.Page badPage = b.get("/console/tickets?status=LOST");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.contentType()).startsWith("text/html");
        assertThat(badPage.body()).contains("status: one of");

        ConsoleHttp.Page csv = b.get("/console/tickets.csv?region=%E8%A5%BF%E5%8C%97", "text/csv");
        assertThat(csv.body()).contains(t.number()).contains(",西北,");
    }

    @Test
    void anUnknownTicketIsA404PageWithoutDetails() {
        ConsoleHttp.Page page = signedIn(ConsoleRole.ADMIN).get("/console/tickets/no-such-ticket");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("ticket no-such-ticket not found");
    }

    @Test
    void thePipelinePageShowsConnectorsQueuesAndTheOutbox() {
        ConsoleHttp.Page page = signedIn(ConsoleRole.VIEWER).get("/console/pipeline");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("路由队列").contains("outbox-lag");
    }

    @Test
    void engineerLoadNamesTheEngineerFromTheStaffDirectory() {
        String staffId = java.util.UUID.randomUUID().toString();
        jdbc.update("insert into staff (id, name, region, preferred_channel, active, source, created_at, updated_at,"
                + " version) values (?, '王工', '西南', 'DINGTALK', true, 'API', current_timestamp, current_timestamp, 0)",
                staffId);
        Ticket t = ticket("西南-load", "load");
        tickets.assign(t.id(), staffId, "test");
        ConsoleHttp.Page page = signedIn(ConsoleRole.ADMIN).get("/console/dashboard?region=%E8%A5%BF%E5%8D%97-load");
        assertThat(page.body()).contains(">王工</a>").contains("assignee=" + staffId);
    }

    @Test
    void theKpiApiAndTheDashboardAgree() {
        ticket("华中", "kpi");
        String key = keys.create("kpi-reader", List.of(ApiScope.TICKETS_READ), "test").key();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String json;
        try {
            json = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base()
                                    + "/api/v1/kpis?region=%E5%8D%8E%E4%B8%AD"))
                            .header("Authorization", "Bearer " + key).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(json).contains("\"ticketsCreated\":1").contains("\"region\":\"华中\"");
        ConsoleHttp.Page page = signedIn(ConsoleRole.ADMIN).get("/console/dashboard?region=%E5%8D%8E%E4%B8%AD");
        assertThat(page.body()).contains("id=\"kpi-created\">1<");
    }
}
