package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.deadletter.DeadLetter;
import org.aftersaleshub.deadletter.DeadLetterFilter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Quantity;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 10, class 4, for every ERP connector on the class path side by side (as in
 * {@link ErpStockRouteContractTest}): a part or warehouse the ERP that books the warehouse does not know is a 404
 * naming it — on the stock API and on recording a part usage — instead of "0 in stock"; a code the ERP cannot take is
 * a 400 naming the field; only a real ERP failure is a 502/503. Asserted on each ERP mock's request log: an unknown
 * part costs one master-data query (then the short negative cache answers) and never a stock read or a document; a
 * form error costs nothing at all. A part the instance maps, and one only the ERP's master data holds, both work, the
 * second looked up once. A usage already queued for an unknown part is dead-lettered by the erp-stock route at once,
 * naming the part, without reaching the ERP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnknownPartsAndWarehousesTest {

    static final String WAREHOUSE = ErpStockRouteContractTest.WAREHOUSE;
    /** A hub warehouse each instance books (hub.erp.warehouses) that neither its mapping nor its ERP knows. */
    static final String NOT_IN_ERP = "WH77";

    static final List<StartedMock> ERPS = ErpInstances.fixtures().stream().map(StockConnectorFixture::start).toList();

    static Stream<Named<StartedMock>> erps() {
        assertThat(ERPS).as("ERP connector fixtures on the test class path").isNotEmpty();
        return ERPS.stream().map(erp -> Named.of(erp.erp().type(), erp));
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ErpStockRouteContractTest.hubBookingIn(r, ERPS);
        for (StartedMock erp : ERPS) {
            r.add("hub.erp.warehouses." + ErpInstances.warehouseOf(erp.erp(), NOT_IN_ERP),
                    () -> ErpInstances.instanceOf(erp.erp()));
        }
    }

    @AfterAll
    static void stop() {
        ERPS.forEach(StartedMock::close);
    }

    @Autowired
    TicketService tickets;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    DeadLetterService deadLetters;
    @LocalServerPort
    int port;

    ApiTestClient api;

    @BeforeEach
    void client() {
        api = new ApiTestClient(port, keys.create("service-desk", List.of(ApiScope.TICKETS_READ,
                ApiScope.TICKETS_WRITE), "test").key());
    }

    @AfterEach
    void noFaultOutlivesItsTest() {
        ERPS.forEach(StartedMock::clearFaults);
    }

    // ------------------------------------------------------------------ helpers

    static String hubWarehouse(StartedMock erp, String demoCode) {
        return ErpInstances.warehouseOf(erp.erp(), demoCode);
    }

    /** A part code no ERP knows, new for every call (so no cached answer hides a query). */
    static String unknownSku() {
        return "SP-TYPO-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    String newTicket() {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "制冷异常", null, Priority.NORMAL,
                "华东", null, null, null), "test").id();
    }

    ApiTestClient.Answer stock(String sku, String warehouse) {
        return api.get("/api/v1/parts/" + URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20")
                + "/stock?warehouse=" + URLEncoder.encode(warehouse, StandardCharsets.UTF_8));
    }

    ApiTestClient.Answer use(String ticket, String usageId, String sku, String warehouse) {
        String body = "{\"id\":\"" + usageId + "\",\"partSku\":" + json(sku) + ",\"quantity\":{\"value\":1,"
                + "\"unit\":\"个\"},\"warehouse\":" + json(warehouse) + "}";
        return api.post("/api/v1/tickets/" + ticket + "/part-usages", body);
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    static String usageId() {
        return "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A problem+json answer with this status, whose {@code status} member agrees; its body. */
    static JsonNode problem(ApiTestClient.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        return p;
    }

    /** Nothing of the ticket's usage was stored and no event but the ticket's creation was written. */
    void nothingStored(String ticket) {
        assertThat(jdbc.queryForObject("select count(*) from part_usage where ticket_id = ?", Integer.class, ticket))
                .isZero();
        assertThat(jdbc.queryForList("select event_type from outbox where ticket_id = ? order by id", String.class,
                ticket)).containsExactly("TicketCreated");
    }

    // ------------------------------------------------------------------ unknown: 404

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void anUnknownPartIsA404NamingItOnTheStockApiAndOnAUsageAndOnlyOneMaterialQueryReachesTheErp(StartedMock erp) {
        String sku = unknownSku();
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        long before = erp.requestCount();
        long queries = erp.masterDataQueries();

        JsonNode p = problem(stock(sku, warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":unknown-part");
        assertThat(p.path("errors")).hasSize(1);
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("sku");
        assertThat(p.at("/errors/0/rule").asText()).isEqualTo("unknown-part");
        assertThat(p.path("detail").asText()).contains(sku);
        assertThat(p.path("connectorInstance").asText()).isEqualTo(ErpInstances.instanceOf(erp.erp()));
        assertThat(erp.masterDataQueries() - queries).as("material queries").isEqualTo(1);
        assertThat(erp.stockOrDocumentRequestsSince(before)).as("stock reads or writes that reached %s", erp.erp())
                .isEmpty();

        // the same typo on a part usage: refused before anything is stored, answered from the negative cache
        long afterFirst = erp.requestCount();
        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), sku, warehouse), 404);
        assertThat(u.path("type").asText()).endsWith(":unknown-part");
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.at("/errors/0/rule").asText()).isEqualTo("unknown-part");
        nothingStored(ticket);
        assertThat(erp.requestsSince(afterFirst)).as("requests that reached %s", erp.erp()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aWarehouseTheErpDoesNotKnowIsA404NamingTheWarehouse(StartedMock erp) {
        String sku = StockConnectorFixture.demoSkus().get(0); // mapped: known without a call
        String warehouse = hubWarehouse(erp, NOT_IN_ERP);
        long before = erp.requestCount();

        JsonNode p = problem(stock(sku, warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":unknown-warehouse");
        assertThat(p.path("errors")).hasSize(1);
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("warehouse");
        assertThat(p.at("/errors/0/rule").asText()).isEqualTo("unknown-warehouse");

        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), unknownSku(), warehouse), 404);
        assertThat(u.path("type").asText()).endsWith(":unknown-part-and-warehouse");
        assertThat(u.path("errors")).extracting(e -> e.path("field").asText() + " " + e.path("rule").asText())
                .containsExactlyInAnyOrder("partSku unknown-part", "warehouse unknown-warehouse");
        nothingStored(ticket);
        assertThat(erp.stockOrDocumentRequestsSince(before)).as("stock reads or writes that reached %s", erp.erp())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aWarehouseNoErpBooksIsA404AndNoErpIsAsked(StartedMock erp) {
        long[] before = ERPS.stream().mapToLong(StartedMock::requestCount).toArray();
        String warehouse = erp.erp().type() + "-NOWHERE";

        JsonNode p = problem(stock(StockConnectorFixture.demoSkus().get(0), warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":warehouse-not-mapped");
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("warehouse");
        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), StockConnectorFixture.demoSkus().get(0), warehouse), 404);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("warehouse");
        nothingStored(ticket);
        for (int i = 0; i < ERPS.size(); i++) {
            assertThat(ERPS.get(i).requestsSince(before[i])).as("requests that reached %s", ERPS.get(i).erp())
                    .isEmpty();
        }
    }

    // ------------------------------------------------------------------ outside the ERP's form: 400

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aCodeTheErpCannotTakeIsA400NamingTheFieldAndNothingReachesTheErp(StartedMock erp) {
        // a quote and a tab: outside every ERP's form (a Kingdee filter string; a control character for all)
        String unsafe = "SP'\t01";
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        long before = erp.requestCount();

        JsonNode p = problem(stock(unsafe, warehouse), 400);
        assertThat(p.path("errors")).hasSize(1);
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("sku");
        assertThat(p.at("/errors/0/rule").asText()).startsWith("pattern:");
        assertThat(p.at("/errors/0/message").asText()).contains(ErpInstances.instanceOf(erp.erp()));

        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), unsafe, warehouse), 400);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.at("/errors/0/rule").asText()).startsWith("pattern:");
        nothingStored(ticket);
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();
    }

    // ------------------------------------------------------------------ known: mapped, or in the master data

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aMappedPartAndAPartOnlyTheErpKnowsBothWorkAndTheSecondLookupIsServedFromTheCache(StartedMock erp) {
        String mapped = StockConnectorFixture.demoSkus().get(4);
        String demo = StockConnectorFixture.demoSkus().get(6);
        String erpOnly = erp.erp().partCode(demo); // the ERP's own code: no mapping of the instance names it
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        erp.setStock(mapped, WAREHOUSE, new BigDecimal("11"));
        erp.setStock(demo, WAREHOUSE, new BigDecimal("12"));
        long queries = erp.masterDataQueries();

        ApiTestClient.Answer m = stock(mapped, warehouse);
        assertThat(m.status()).as(m.body()).isEqualTo(200);
        assertThat(m.json().path("quantity").decimalValue()).isEqualByComparingTo("11");
        assertThat(erp.masterDataQueries() - queries).as("a mapped part is known without asking").isZero();

        for (int i = 0; i < 2; i++) {
            ApiTestClient.Answer a = stock(erpOnly, warehouse);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().path("quantity").decimalValue()).isEqualByComparingTo("12");
        }
        assertThat(erp.masterDataQueries() - queries).as("material queries for two stock reads").isEqualTo(1);

        // recorded (the cache answers) and booked by the erp-stock route under the ERP's code
        String usage = usageId();
        ApiTestClient.Answer recorded = use(newTicket(), usage, erpOnly, warehouse);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        await("usage " + usage + " deducted").atMost(Duration.ofSeconds(30)).until(() -> PartUsageState.DEDUCTED
                .name().equals(jdbc.queryForObject("select state from part_usage where id = ?", String.class, usage)));
        assertThat(erp.documentsOfUsage(usage)).singleElement().satisfies(d -> assertThat(d.partCode())
                .isEqualTo(erpOnly));
        assertThat(erp.stock(demo, WAREHOUSE)).isEqualByComparingTo("11");
        assertThat(erp.masterDataQueries() - queries).as("material queries, the deduction included").isEqualTo(1);
    }

    // ------------------------------------------------------------------ the ERP failed: 502/503, not 404

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void anErpThatCannotAnswerTheCheckIsA503OrA502AndTheFailureIsNotCachedAsUnknown(StartedMock erp) {
        String sku = unknownSku();
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        erp.failEveryCall(503);

        JsonNode p = problem(stock(sku, warehouse), 503);
        assertThat(p.path("type").asText()).endsWith(":erp-unavailable");
        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), sku, warehouse), 503);
        assertThat(u.path("type").asText()).endsWith(":erp-unavailable");
        nothingStored(ticket);

        erp.clearFaults();
        JsonNode now = problem(stock(sku, warehouse), 404);
        assertThat(now.path("type").asText()).endsWith(":unknown-part");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aStockReadTheErpFailsIsStillA503ForAKnownPart(StartedMock erp) {
        erp.failEveryCall(503);
        JsonNode p = problem(stock(StockConnectorFixture.demoSkus().get(0), hubWarehouse(erp, WAREHOUSE)), 503);
        assertThat(p.path("type").asText()).endsWith(":erp-unavailable");
        assertThat(p.path("detail").asText()).contains("stock query");
    }

    // ------------------------------------------------------------------ the erp-stock route

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aQueuedUsageOfAnUnknownPartIsDeadLetteredAtOnceNamingThePartWithoutReachingTheErp(StartedMock erp) {
        // an event recorded before the API checked parts (or by another producer): straight into the outbox
        String ticket = newTicket();
        String sku = unknownSku();
        String usage = usageId();
        long before = erp.requestCount();
        long documentsBefore = erp.outboundDocumentCount();
        tx.executeWithoutResult(s -> outbox.append(new PartConsumed(new PartUsage(usage, ticket, sku,
                new Quantity(BigDecimal.ONE, "个"), hubWarehouse(erp, WAREHOUSE), List.of(), PartUsageState.PENDING,
                null, null, Instant.now())), 2, Instant.now()));

        DeadLetterFilter ofTicket = new DeadLetterFilter(null, "erp-stock", null, null, ticket, null, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(ofTicket, 0, 10).total() == 1);
        DeadLetter dead = deadLetters.list(ofTicket, 0, 10).items().get(0);
        assertThat(dead.idempotencyKey()).isEqualTo(usage);
        assertThat(dead.target()).isEqualTo(ErpInstances.instanceOf(erp.erp()));
        assertThat(dead.attempts()).as("not retried").isEqualTo(1);
        assertThat(dead.error()).contains("part '" + sku + "' is unknown to " + ErpInstances.instanceOf(erp.erp()));
        assertThat(jdbc.queryForList("select outcome from delivery_journal where route_id = 'erp-stock' and "
                + "idempotency_key = ? order by id", String.class, usage)).containsExactly("FAILED", "DEAD_LETTER");
        assertThat(erp.stockOrDocumentRequestsSince(before)).as("stock reads or writes that reached %s", erp.erp())
                .isEmpty();
        assertThat(erp.outboundDocumentCount()).isEqualTo(documentsBefore);
    }
}
