package org.aftersaleshub.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestContract;
import org.junit.jupiter.api.Test;

/**
 * The ticket API over real HTTP against a real database: rows, status history and outbox events are checked in
 * the tables. Runs on H2 and on PostgreSQL.
 */
public interface TicketApiContract extends ApiTestContract {

    default String createTicket(ApiTestClient api) {
        Answer a = api.post("/api/v1/tickets", ApiTestClient.ticketJson());
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    default List<String> payloads(String ticketId) {
        return jdbc().queryForList("select payload from outbox where ticket_id = ? order by sequence_no",
                String.class, ticketId);
    }

    default List<String> eventTypes(String ticketId) {
        return jdbc().queryForList("select event_type from outbox where ticket_id = ? order by sequence_no",
                String.class, ticketId);
    }

    default List<Long> sequences(String ticketId) {
        return jdbc().queryForList("select sequence_no from outbox where ticket_id = ? order by id", Long.class,
                ticketId);
    }

    @Test
    default void createAnswers201WithLocationAndWritesTicketHistoryAndEventInOneGo() {
        Answer a = writer().post("/api/v1/tickets", ApiTestClient.ticketJson());

        assertThat(a.status()).isEqualTo(201);
        JsonNode t = a.json();
        String id = t.get("id").asText();
        assertThat(a.header("Location")).isEqualTo("/api/v1/tickets/" + id);
        assertThat(t.get("number").asText()).matches("T\\d{8}-\\d{6}");
        assertThat(t.get("status").asText()).isEqualTo("NEW");
        assertThat(t.get("version").asLong()).isEqualTo(1);
        assertThat(t.get("region").asText()).isEqualTo("华东");
        assertThat(t.get("device").get("serial").asText()).isEqualTo("SN-001");

        assertThat(jdbc().queryForObject("select count(*) from ticket where id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(jdbc().queryForList("select to_status from status_history where ticket_id = ?", String.class, id))
                .containsExactly("NEW");
        assertThat(eventTypes(id)).containsExactly("TicketCreated");
        assertThat(sequences(id)).containsExactly(1L);
        String eventId = jdbc().queryForObject("select event_id from outbox where ticket_id = ?", String.class, id);
        assertThat(jdbc().queryForObject("select event_id from status_history where ticket_id = ?", String.class, id))
                .isEqualTo(eventId);

        Answer read = writer().get("/api/v1/tickets/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(t);
    }

    @Test
    default void walksTheWholeStateMachineWithOneEventPerChangeInSequence() {
        ApiTestClient api = writer();
        String id = createTicket(api);
        String base = "/api/v1/tickets/" + id;

        assertThat(api.post(base + "/assignment", "{\"assigneeId\":\"E-1\"}").json().get("status").asText())
                .isEqualTo("ASSIGNED");
        assertThat(api.post(base + "/assignment", "{\"assigneeId\":\"E-2\"}").json().get("assigneeId").asText())
                .isEqualTo("E-2");
        for (String s : List.of("ACCEPTED", "IN_PROGRESS", "WAITING_PARTS", "IN_PROGRESS", "RESOLVED", "CLOSED")) {
            Answer a = api.post(base + "/status", "{\"status\":\"" + s + "\",\"reason\":\"step " + s + "\"}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().get("status").asText()).isEqualTo(s);
        }

        assertThat(eventTypes(id)).containsExactly("TicketCreated", "TicketAssigned", "TicketAssigned",
                "TicketAccepted", "TicketStatusChanged", "TicketStatusChanged", "TicketStatusChanged",
                "TicketResolved", "TicketClosed");
        assertThat(sequences(id)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(api.get(base).json().get("version").asLong()).isEqualTo(9);

        JsonNode history = api.get(base + "/status-history").json();
        assertThat(history).hasSize(9);
        List<String> to = new ArrayList<>();
        history.forEach(h -> to.add(h.get("toStatus").asText()));
        assertThat(to).containsExactly("NEW", "ASSIGNED", "ASSIGNED", "ACCEPTED", "IN_PROGRESS", "WAITING_PARTS",
                "IN_PROGRESS", "RESOLVED", "CLOSED");
        assertThat(history.get(2).get("assigneeId").asText()).isEqualTo("E-2");
        assertThat(history.get(2).get("actor").asText()).isEqualTo("test-writer");
        assertThat(history.get(7).get("reason").asText()).isEqualTo("step RESOLVED");
        assertThat(payloads(id).get(7)).contains("\"resolution\":\"step RESOLVED\"").contains("\"assigneeId\":\"E-2\"");
    }

    @Test
    default void aResolvedTicketIsReopenedWithAReasonIntoInProgressAndShowsOnTheTimeline() {
        ApiTestClient api = writer();
        String id = createTicket(api);
        String base = "/api/v1/tickets/" + id;
        api.post(base + "/assignment", "{\"assigneeId\":\"E-1\"}");
        for (String s : List.of("ACCEPTED", "IN_PROGRESS", "RESOLVED")) {
            assertThat(api.post(base + "/status", "{\"status\":\"" + s + "\"}").status()).isEqualTo(200);
        }

        Answer noReason = api.post(base + "/status", "{\"status\":\"IN_PROGRESS\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        assertThat(noReason.json().get("errors").get(0).get("rule").asText())
                .isEqualTo("required-for:RESOLVED->IN_PROGRESS");
        assertThat(api.get(base).json().get("status").asText()).isEqualTo("RESOLVED");

        Answer reopen = api.post(base + "/status", "{\"status\":\"IN_PROGRESS\",\"reason\":\"客户反馈仍不制冷\"}");
        assertThat(reopen.status()).as(reopen.body()).isEqualTo(200);
        assertThat(reopen.json().get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(eventTypes(id)).endsWith("TicketResolved", "TicketStatusChanged");
        assertThat(payloads(id).get(payloads(id).size() - 1)).contains("\"from\":\"RESOLVED\"")
                .contains("\"to\":\"IN_PROGRESS\"").contains("客户反馈仍不制冷");
        JsonNode timeline = api.get(base + "/timeline").json();
        assertThat(timeline.toString()).contains("reopened (重新打开): RESOLVED → IN_PROGRESS");
        assertThat(api.post(base + "/status", "{\"status\":\"RESOLVED\"}").status()).isEqualTo(200);
        assertThat(api.post(base + "/status", "{\"status\":\"CLOSED\"}").status()).isEqualTo(200);
    }

    @Test
    default void illegalTransitionIs409NamingFromToAndAllowedTargetsAndChangesNothing() {
        ApiTestClient api = writer();
        String id = createTicket(api);

        Answer a = api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"CLOSED\"}");

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.get("type").asText()).isEqualTo("urn:aftersales-hub:problem:illegal-transition");
        assertThat(p.get("from").asText()).isEqualTo("NEW");
        assertThat(p.get("to").asText()).isEqualTo("CLOSED");
        assertThat(p.get("allowedTargets").toString()).isEqualTo("[\"ASSIGNED\",\"CANCELLED\"]");
        assertThat(p.get("detail").asText()).contains("NEW").contains("CLOSED").contains("ASSIGNED, CANCELLED");
        assertThat(eventTypes(id)).containsExactly("TicketCreated");
        assertThat(api.get("/api/v1/tickets/" + id).json().get("version").asLong()).isEqualTo(1);

        Answer viaStatus = api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"ASSIGNED\"}");
        assertThat(viaStatus.status()).isEqualTo(409);
        assertThat(viaStatus.json().get("detail").asText()).contains("/assignment");
    }

    @Test
    default void cancelFromAnOpenStatusThenNothingMoves() {
        ApiTestClient api = writer();
        String id = createTicket(api);
        api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-9\"}");

        Answer cancelled = api.post("/api/v1/tickets/" + id + "/cancel", "{\"reason\":\"客户取消\"}");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");

        Answer again = api.post("/api/v1/tickets/" + id + "/cancel", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("allowedTargets")).isEmpty();
        assertThat(api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-1\"}").status())
                .isEqualTo(409);
        assertThat(eventTypes(id)).containsExactly("TicketCreated", "TicketAssigned", "TicketCancelled");
        assertThat(payloads(id).get(2)).contains("客户取消").contains("\"from\":\"ASSIGNED\"");
    }

    @Test
    default void partUsageReplayWithTheSameIdWritesNoSecondEventAndDifferentContentIsRefused() {
        ApiTestClient api = writer();
        String id = createTicket(api);
        String path = "/api/v1/tickets/" + id + "/part-usages";
        String usage = "{\"id\":\"PU-" + id.substring(0, 8) + "\",\"partSku\":\"CMP-01\","
                + "\"quantity\":{\"value\":2.5,\"unit\":\"个\"},\"warehouse\":\"WH-SH\",\"serialNumbers\":[\"S1\"]}";

        Answer first = api.post(path, usage);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo(path + "/PU-" + id.substring(0, 8));
        assertThat(first.json().get("state").asText()).isEqualTo("PENDING");

        Answer replay = api.post(path, usage.replace("2.5", "2.50"));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("id").asText()).isEqualTo("PU-" + id.substring(0, 8));
        assertThat(replay.json().get("quantity").get("value").decimalValue()).isEqualByComparingTo("2.5");

        Answer conflict = api.post(path, usage.replace("2.5", "3"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("errors").get(0).get("field").asText()).isEqualTo("quantity.value");
        assertThat(conflict.json().get("errors").get(0).get("rule").asText()).isEqualTo("same-as-recorded");

        assertThat(eventTypes(id)).containsExactly("TicketCreated", "PartConsumed");
        assertThat(jdbc().queryForObject("select count(*) from part_usage where ticket_id = ?", Integer.class, id))
                .isEqualTo(1);
        assertThat(api.get(path).json()).hasSize(1);
    }

    @Test
    default void partReturnWritesPartReturnedOnceAndOnlyForAUsageOfThatTicket() {
        ApiTestClient api = writer();
        String id = createTicket(api);
        String usageId = "PU-R-" + id.substring(0, 8);
        api.post("/api/v1/tickets/" + id + "/part-usages", "{\"id\":\"" + usageId + "\",\"partSku\":\"F-1\","
                + "\"quantity\":{\"value\":1,\"unit\":\"个\"},\"warehouse\":\"WH\"}");

        Answer returned = api.post("/api/v1/tickets/" + id + "/part-usages/" + usageId + "/return",
                "{\"reason\":\"未使用\"}");
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        assertThat(returned.json().get("returnedAt").isTextual()).isTrue();
        assertThat(returned.json().get("returnReason").asText()).isEqualTo("未使用");

        assertThat(api.post("/api/v1/tickets/" + id + "/part-usages/" + usageId + "/return", "{}").status())
                .isEqualTo(409);
        String other = createTicket(api);
        assertThat(api.post("/api/v1/tickets/" + other + "/part-usages/" + usageId + "/return", "{}").status())
                .isEqualTo(404);
        assertThat(eventTypes(id)).containsExactly("TicketCreated", "PartConsumed", "PartReturned");
        assertThat(sequences(id)).containsExactly(1L, 2L, 3L);
    }

    @Test
    default void listFiltersByStatusRegionAssigneeCustomerAndCreatedRangeWithPaging() {
        ApiTestClient api = writer();
        String region = "R-" + Long.toHexString(System.nanoTime());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Answer a = api.post("/api/v1/tickets", ApiTestClient.ticketJson().replace("华东", region)
                    .replace("C-10086", "C-" + region + (i % 2)));
            ids.add(a.json().get("id").asText());
        }
        api.post("/api/v1/tickets/" + ids.get(0) + "/assignment", "{\"assigneeId\":\"E-" + region + "\"}");

        JsonNode page = api.get("/api/v1/tickets?region=" + region + "&size=2&page=0").json();
        assertThat(page.get("total").asLong()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(ids.get(4));
        assertThat(api.get("/api/v1/tickets?region=" + region + "&size=2&page=2").json().get("items")).hasSize(1);

        assertThat(api.get("/api/v1/tickets?region=" + region + "&status=ASSIGNED").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/tickets?assignee=E-" + region).json().get("items").get(0).get("id").asText())
                .isEqualTo(ids.get(0));
        assertThat(api.get("/api/v1/tickets?customer=C-" + region + "0").json().get("total").asLong()).isEqualTo(3);

        String created = api.get("/api/v1/tickets/" + ids.get(2)).json().get("createdAt").asText();
        assertThat(api.get("/api/v1/tickets?region=" + region + "&from=" + created).json().get("total").asLong())
                .isEqualTo(3);
        assertThat(api.get("/api/v1/tickets?region=" + region + "&to=" + created).json().get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    default void concurrentChangesOfOneTicketNeverShareASequenceNumber() throws Exception {
        ApiTestClient api = writer();
        String id = createTicket(api);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String usage = "{\"id\":\"PU-C-" + i + "-" + id.substring(0, 8) + "\",\"partSku\":\"P\","
                        + "\"quantity\":{\"value\":1,\"unit\":\"个\"},\"warehouse\":\"W\"}";
                calls.add(() -> api.post("/api/v1/tickets/" + id + "/part-usages", usage).status());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= 17; s++) {
            expected.add(s);
        }
        assertThat(jdbc().queryForList("select sequence_no from outbox where ticket_id = ? order by sequence_no",
                Long.class, id)).containsExactlyElementsOf(expected);
        assertThat(api.get("/api/v1/tickets/" + id).json().get("version").asLong()).isEqualTo(17);
    }

    @Test
    default void unknownTicketIs404ProblemOnEveryOperation() {
        ApiTestClient api = writer();
        String missing = "/api/v1/tickets/00000000-0000-4000-8000-000000000000";
        for (Answer a : List.of(api.get(missing), api.get(missing + "/status-history"),
                api.post(missing + "/status", "{\"status\":\"ACCEPTED\"}"),
                api.post(missing + "/assignment", "{\"assigneeId\":\"E\"}"),
                api.post(missing + "/cancel", "{}"))) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.json().get("type").asText()).isEqualTo("urn:aftersales-hub:problem:ticket-not-found");
        }
    }

    @Test
    default void readOnlyKeyCanReadButNotWrite() {
        String id = createTicket(writer());
        ApiTestClient reader = client("reader", ApiScope.TICKETS_READ);
        assertThat(reader.get("/api/v1/tickets/" + id).status()).isEqualTo(200);
        assertThat(reader.post("/api/v1/tickets/" + id + "/cancel", "{}").status()).isEqualTo(403);
    }
}
