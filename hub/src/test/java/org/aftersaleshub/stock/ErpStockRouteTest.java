package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.stock.StockDeductions;
import java.util.Map;
import org.aftersaleshub.deadletter.DeadLetter;
import org.aftersaleshub.deadletter.DeadLetterFilter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.mock.MockSystems;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.QuantityInput;
import org.aftersaleshub.ticket.RecordPartUsageRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 5 through the hub: part usages recorded on tickets become exactly one outbound document each in the
 * Kingdee mock (asserted on the mock's state), the usage ends DEDUCTED with the ERP's number or FAILED with its
 * message, concurrent usages of one part leave the stock exact, and stock is answered from the ERP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErpStockRouteTest {

    static final MockSystems mocks = MockSystems.start(Set.of("kingdee"), true);
    static final KingdeeMock kingdee = mocks.get(KingdeeMock.class);
    // demo data: SP-FAN-004 is Kingdee material 1.04.0004, WH01 is CK001
    static final String SKU = "SP-FAN-004";
    static final String MATERIAL = "1.04.0004";
    // eight other demo parts (sku=Kingdee material number), for the parallelism test
    static final List<String> PARALLEL_PARTS = List.of("SP-COMP-001=1.01.0001", "SP-PSU-002=1.02.0002",
            "SP-MCB-003=1.03.0003", "SP-TSEN-005=1.05.0005", "SP-SEAL-006=1.06.0006", "SP-FLT-007=1.07.0007",
            "SP-LCD-008=1.08.0008", "SP-VLV-009=1.09.0009");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        kingdeeHub(r, kingdee);
    }

    /** A hub on H2 whose ERP is the given Kingdee mock, loading only the erp-stock route. */
    static void kingdeeHub(DynamicPropertyRegistry r, KingdeeMock kingdee) {
        HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "erp-stock.yaml");
        r.add("hub.erp.connector", () -> "kingdee");
        r.add("hub.erp.stock-cache-ttl", () -> "0s");
        r.add("hub.delivery.initial-backoff-ms", () -> "100");
        r.add("hub.delivery.max-backoff-ms", () -> "200");
        r.add("hub.delivery.max-attempts", () -> "3");
        r.add("kingdee.max-attempts", () -> "1");
        r.add("kingdee.base-url", () -> kingdee.baseUrl() + "/k3cloud/");
        r.add("kingdee.acct-id", () -> "6571d9a3c1b2e4000a1b2c3d");
        r.add("kingdee.user-name", () -> "integration");
        r.add("kingdee.app-id", () -> "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2");
        r.add("kingdee.app-secret", () -> "a1b2c3d4e5f60718293a4b5c6d7e8f90");
        r.add("kingdee.org-number", () -> "100");
        r.add("kingdee.timeout-ms", () -> "3000");
        r.add("kingdee.warehouse-codes", () -> "WH01=CK001,WH02=CK002,WH03=CK003");
        r.add("kingdee.material-codes", () -> SKU + "=" + MATERIAL + "," + String.join(",", PARALLEL_PARTS));
        r.add("kingdee.rate-limit-per-second", () -> "1000");
    }

    @AfterAll
    static void stop() {
        mocks.close();
    }

    @AfterEach
    void noFaultOutlivesItsTest() {
        kingdee.faults().clear();
    }

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HubConnector erpConnector;
    @Autowired
    ApiKeyService keys;
    @Autowired
    DeadLetterService deadLetters;
    @Autowired
    org.springframework.jms.core.JmsTemplate jms;
    @LocalServerPort
    int port;

    private String newTicket() {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "制冷异常", null, Priority.NORMAL,
                "华东", null, null, null), "test").id();
    }

    private void use(String ticket, String usageId, String qty) {
        tickets.recordPartUsage(ticket, new RecordPartUsageRequest(usageId, SKU,
                new QuantityInput(new BigDecimal(qty), "个"), "WH01", List.of()));
    }

    private String state(String usageId) {
        return jdbc.queryForObject("select state from part_usage where id = ?", String.class, usageId);
    }

    private String billNo(String usageId) {
        return erpConnector.as(StockDeductions.class).orElseThrow().documentNumberFor(usageId);
    }

    @Test
    void aPartUsageBecomesExactlyOneAuditedDocumentAndTheUsageIsDeducted() {
        kingdee.setStock(MATERIAL, "CK001", new BigDecimal("20"));
        String ticket = newTicket();
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        use(ticket, usage, "3");

        await().atMost(Duration.ofSeconds(30)).until(() -> PartUsageState.DEDUCTED.name().equals(state(usage)));
        assertThat(kingdee.documentsByBillNo(billNo(usage))).hasSize(1);
        assertThat(kingdee.stock(MATERIAL, "CK001")).isEqualByComparingTo("17");
        assertThat(jdbc.queryForObject("select erp_document_number from part_usage where id = ?", String.class, usage))
                .isEqualTo(billNo(usage));
        assertThat(jdbc.queryForList("select outcome from delivery_journal where ticket_id = ? and route_id = 'erp-stock'",
                String.class, ticket)).containsExactly("SUCCESS");
    }

    @Test
    void notEnoughStockFailsTheUsageWithTheErpMessageAndAnEventWithoutRetrying() {
        kingdee.setStock(MATERIAL, "CK001", new BigDecimal("1"));
        String ticket = newTicket();
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        use(ticket, usage, "5");

        await().atMost(Duration.ofSeconds(30)).until(() -> PartUsageState.FAILED.name().equals(state(usage)));
        assertThat(jdbc.queryForObject("select failure_reason from part_usage where id = ?", String.class, usage))
                .isNotBlank();
        assertThat(kingdee.stock(MATERIAL, "CK001")).isEqualByComparingTo("1");
        assertThat(jdbc.queryForList("select event_type from outbox where ticket_id = ? order by id", String.class,
                ticket)).containsExactly("TicketCreated", "PartConsumed", "PartDeductionFailed");
        assertThat(jdbc.queryForList("select outcome from delivery_journal where ticket_id = ? and route_id = 'erp-stock'",
                String.class, ticket)).containsExactly("REFUSED");
    }

    @Test
    void fiftyConcurrentUsagesOfOnePartLeaveTheStockExact() throws Exception {
        kingdee.setStock(MATERIAL, "CK001", new BigDecimal("100"));
        List<String> usages = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String usage = "PU-C" + i + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            usages.add(usage);
            done.add(pool.submit(() -> use(newTicket(), usage, "1")));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(90)).until(() -> usages.stream()
                .allMatch(u -> PartUsageState.DEDUCTED.name().equals(state(u))));
        assertThat(kingdee.stock(MATERIAL, "CK001")).isEqualByComparingTo("50");
        for (String u : usages) {
            assertThat(kingdee.documentsByBillNo(billNo(u))).as(u).hasSize(1);
        }
    }

    @Test
    void anErpTimeoutAfterItCommittedStillMakesExactlyOneDocument() {
        kingdee.setStock(MATERIAL, "CK001", new BigDecimal("20"));
        // the next Save commits, then answers only after the connector's 3 s timeout
        kingdee.faults().add(FaultPlan.Rule.fromMap(Map.of("operation", "Save", "kind", "DELAY", "phase", "AFTER",
                "count", 1, "delayMs", 4500)));
        String ticket = newTicket();
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        use(ticket, usage, "2");

        await().atMost(Duration.ofSeconds(60)).until(() -> PartUsageState.DEDUCTED.name().equals(state(usage)));
        assertThat(kingdee.documentsByBillNo(billNo(usage))).hasSize(1);
        assertThat(kingdee.stock(MATERIAL, "CK001")).isEqualByComparingTo("18");
    }

    @Test
    void aDeadLetteredDeductionReplayedAndTheSameEventDeliveredAgainMakeOneDocument() throws Exception {
        kingdee.setStock(MATERIAL, "CK001", new BigDecimal("20"));
        kingdee.faults().add(FaultPlan.Rule.fromMap(Map.of("operation", "*", "kind", "HTTP_ERROR", "phase", "BEFORE",
                "status", 503)));
        String ticket = newTicket();
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        use(ticket, usage, "4");
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.list(new DeadLetterFilter(null, "erp-stock",
                null, null, ticket, null, null), 0, 10).total() == 1);
        assertThat(state(usage)).isEqualTo(PartUsageState.PENDING.name());
        kingdee.faults().clear();

        DeadLetter dead = deadLetters.list(new DeadLetterFilter(null, "erp-stock", null, null, ticket, null, null), 0,
                10).items().get(0);
        assertThat(dead.idempotencyKey()).isEqualTo(usage);
        deadLetters.replay(dead.id(), "ops-erin");
        await().atMost(Duration.ofSeconds(30)).until(() -> PartUsageState.DEDUCTED.name().equals(state(usage)));

        // the broker hands the same event over once more (e.g. after a crash before the acknowledgement)
        jms.setPubSubDomain(true);
        jms.send("hub.events::erp-stock", session -> {
            var m = session.createTextMessage(dead.payload());
            m.setStringProperty("hubEventId", dead.eventId());
            m.setStringProperty("hubTicketId", ticket);
            m.setStringProperty("hubEventType", "PartConsumed");
            m.setStringProperty("JMSXGroupID", ticket);
            return m;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select count(*) from delivery_journal"
                + " where ticket_id = ? and route_id = 'erp-stock' and outcome = 'SUCCESS'", Integer.class, ticket) == 2);
        assertThat(kingdee.documentsByBillNo(billNo(usage))).hasSize(1);
        assertThat(kingdee.stock(MATERIAL, "CK001")).isEqualByComparingTo("16");
    }

    @Test
    void deductionsOfDifferentPartsRunInParallel() {
        // every ERP call takes 300 ms, so a deduction (4 calls) takes about 1.2 s and overlaps are easy to see
        kingdee.faults().add(FaultPlan.Rule.fromMap(Map.of("operation", "*", "kind", "DELAY", "phase", "BEFORE",
                "delayMs", 300)));
        List<String> usages = new ArrayList<>();
        for (String part : PARALLEL_PARTS) {
            String[] skuAndMaterial = part.split("=");
            kingdee.setStock(skuAndMaterial[1], "CK001", new BigDecimal("10"));
            String usage = "PU-P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            usages.add(usage);
            tickets.recordPartUsage(newTicket(), new RecordPartUsageRequest(usage, skuAndMaterial[0],
                    new QuantityInput(BigDecimal.ONE, "个"), "WH01", List.of()));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> usages.stream()
                .allMatch(u -> PartUsageState.DEDUCTED.name().equals(state(u))));

        // each SUCCESS row ends at occurred_at and began latency_ms before: count how many overlapped at most
        List<long[]> spans = jdbc.query("select occurred_at, latency_ms from delivery_journal where route_id = 'erp-stock'"
                + " and outcome = 'SUCCESS' and idempotency_key in (" + String.join(",", usages.stream()
                .map(u -> "'" + u + "'").toList()) + ")", (rs, i) -> {
                    long end = rs.getTimestamp(1).getTime();
                    return new long[] {end - rs.getLong(2), end};
                });
        assertThat(spans).hasSize(PARALLEL_PARTS.size());
        int maxOverlap = 0;
        for (long[] s : spans) {
            long at = s[0] + 1;
            maxOverlap = Math.max(maxOverlap, (int) spans.stream().filter(o -> o[0] <= at && at < o[1]).count());
        }
        assertThat(maxOverlap).as("deductions of different parts in flight at once").isGreaterThanOrEqualTo(3);
        for (String part : PARALLEL_PARTS) {
            assertThat(kingdee.stock(part.split("=")[1], "CK001")).isEqualByComparingTo("9");
        }
    }

    @Test
    void stockIsAnsweredFromTheErpWithItsSourceAndAge() throws Exception {
        kingdee.setStock(MATERIAL, "CK001", new BigDecimal("42"));
        String key = keys.create("stock-reader", List.of(ApiScope.TICKETS_READ), "test").key();
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/parts/" + SKU + "/stock?warehouse=WH01"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(res.body());
        assertThat(body.get("quantity").decimalValue()).isEqualByComparingTo("42");
        assertThat(body.get("sourceSystem").asText()).isEqualTo("kingdee");
        assertThat(body.get("cached").asBoolean()).isFalse();
    }
}
