package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.deadletter.DeadLetter;
import org.aftersaleshub.deadletter.DeadLetterFilter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.masterdata.part.SparePartRequest;
import org.aftersaleshub.masterdata.part.SparePartService;
import org.aftersaleshub.masterdata.warehouse.WarehouseRequest;
import org.aftersaleshub.masterdata.warehouse.WarehouseService;
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
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues 10 and 13, for every ERP connector on the class path side by side (as in {@link ErpStockRouteContractTest}):
 * the hub's master data is the one source of which instance books a warehouse and of both ERP codes. A part without a
 * row, or without a code in the instance that books the warehouse, and a warehouse not in the table or inactive, are
 * a 404 naming it — on the stock API and on recording a part usage — instead of "0 in stock"; a master-data code the
 * ERP cannot take is a 400 naming the field; only a real ERP failure is a 502/503. Asserted on each ERP mock's request
 * log: none of these refusals costs a single request, even while the ERP is down. A usage already queued for an
 * unknown part is dead-lettered by the erp-stock route at once, naming the part, without reaching the ERP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnknownPartsAndWarehousesTest {

    static final String WAREHOUSE = ErpStockRouteContractTest.WAREHOUSE;
    /** A warehouse of the master data, booked by each instance, that is inactive. */
    static final String INACTIVE = "WH77";

    static final List<StartedMock> ERPS = ErpInstances.fixtures().stream().map(StockConnectorFixture::start).toList();

    static Stream<Named<StartedMock>> erps() {
        assertThat(ERPS).as("ERP connector fixtures on the test class path").isNotEmpty();
        return ERPS.stream().map(erp -> Named.of(erp.erp().type(), erp));
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ErpStockRouteContractTest.hubBookingIn(r, ERPS);
    }

    @AfterAll
    static void stop() {
        ERPS.forEach(StartedMock::close);
    }

    @Autowired
    ApplicationContext hub;
    @Autowired
    SparePartService parts;
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

    /** The master-data rows of every ERP's demo warehouses and parts, as a test may have changed them. */
    @BeforeEach
    void masterData() {
        ErpInstances.bookSideBySide(hub, ERPS);
    }

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

    /** Gives demo part {@code sku} these codes (instance to code) in the master data, replacing its others. */
    void codes(String sku, Map<String, String> codes) {
        parts.upsert(new SparePartRequest(sku, "演示备件 " + sku, null, "个", null, true, codes, null), "test");
    }

    // ------------------------------------------------------------------ not in the master data: 404

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void anUnknownPartIsA404NamingItOnTheStockApiAndOnAUsageAndNoRequestReachesTheErp(StartedMock erp) {
        String sku = unknownSku();
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        long before = erp.requestCount();

        JsonNode p = problem(stock(sku, warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":unknown-part");
        assertThat(p.path("errors")).hasSize(1);
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("sku");
        assertThat(p.at("/errors/0/rule").asText()).isEqualTo("exists");
        assertThat(p.path("detail").asText()).contains(sku);
        assertThat(p.path("connectorInstance").asText()).isEqualTo(ErpInstances.instanceOf(erp.erp()));

        // the same typo on a part usage: refused before anything is stored
        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), sku, warehouse), 404);
        assertThat(u.path("type").asText()).endsWith(":unknown-part");
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.at("/errors/0/rule").asText()).isEqualTo("exists");
        nothingStored(ticket);
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aPartWithoutACodeInTheInstanceThatBooksTheWarehouseIsA404UntilItGetsOneThenItIsBookedUnderIt(
            StartedMock erp) {
        String sku = StockConnectorFixture.demoSkus().get(6);
        String instance = ErpInstances.instanceOf(erp.erp());
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        Map<String, String> elsewhere = new LinkedHashMap<>();
        ERPS.stream().filter(e -> e != erp).forEach(e -> elsewhere.put(ErpInstances.instanceOf(e.erp()),
                e.erp().partCode(sku)));
        codes(sku, elsewhere);
        erp.setStock(sku, WAREHOUSE, new BigDecimal("12"));
        long before = erp.requestCount();
        long queries = erp.masterDataQueries();

        JsonNode p = problem(stock(sku, warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":unknown-part");
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("sku");
        assertThat(p.at("/errors/0/rule").asText()).isEqualTo("erp-code:" + instance);
        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), sku, warehouse), 404);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.at("/errors/0/rule").asText()).isEqualTo("erp-code:" + instance);
        nothingStored(ticket);
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();

        // given its code, the part is read and booked under that code, the ERP asked nothing else
        ErpInstances.bookSideBySide(hub, ERPS);
        ApiTestClient.Answer a = stock(sku, warehouse);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().path("quantity").decimalValue()).isEqualByComparingTo("12");
        String usage = usageId();
        ApiTestClient.Answer recorded = use(newTicket(), usage, sku, warehouse);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        await("usage " + usage + " deducted").atMost(Duration.ofSeconds(30)).until(() -> PartUsageState.DEDUCTED
                .name().equals(jdbc.queryForObject("select state from part_usage where id = ?", String.class, usage)));
        assertThat(erp.documentsOfUsage(usage)).singleElement().satisfies(d -> assertThat(d.partCode())
                .isEqualTo(erp.erp().partCode(sku)));
        assertThat(erp.stock(sku, WAREHOUSE)).isEqualByComparingTo("11");
        assertThat(erp.masterDataQueries() - queries).as("master-data queries that reached %s", erp.erp()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void anInactiveWarehouseIsA404NamingTheWarehouseAndNoErpIsAsked(StartedMock erp) {
        String warehouse = hubWarehouse(erp, INACTIVE);
        hub.getBean(WarehouseService.class).upsert(new WarehouseRequest(warehouse, "停用仓", null,
                ErpInstances.instanceOf(erp.erp()), INACTIVE, null, null, null, false, null), "test");
        long[] before = ERPS.stream().mapToLong(StartedMock::requestCount).toArray();

        JsonNode p = problem(stock(StockConnectorFixture.demoSkus().get(0), warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":warehouse-not-mapped");
        assertThat(p.path("errors")).hasSize(1);
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
    void aMasterDataCodeTheErpCannotTakeIsA400NamingTheFieldAndNothingReachesTheErp(StartedMock erp) {
        // a quote and a tab: outside every ERP's form (a Kingdee filter string; a control character for all). The
        // API's rules refuse a tab; the service takes it as a row written before them, or straight into the table.
        String sku = "SP-BADCODE-" + erp.erp().type();
        codes(sku, Map.of(ErpInstances.instanceOf(erp.erp()), "SP'\t01"));
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        long before = erp.requestCount();

        JsonNode p = problem(stock(sku, warehouse), 400);
        assertThat(p.path("errors")).hasSize(1);
        assertThat(p.at("/errors/0/field").asText()).isEqualTo("sku");
        assertThat(p.at("/errors/0/rule").asText()).startsWith("pattern:");
        assertThat(p.at("/errors/0/message").asText()).contains(ErpInstances.instanceOf(erp.erp()));

        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), sku, warehouse), 400);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.at("/errors/0/rule").asText()).startsWith("pattern:");
        nothingStored(ticket);
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();
    }

    // ------------------------------------------------------------------ the ERP failed: 502/503, not 404

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void anErpThatIsDownDoesNotTurnAnUnknownPartIntoA503TheTablesAnswer(StartedMock erp) {
        String sku = unknownSku();
        String warehouse = hubWarehouse(erp, WAREHOUSE);
        erp.failEveryCall(503);

        JsonNode p = problem(stock(sku, warehouse), 404);
        assertThat(p.path("type").asText()).endsWith(":unknown-part");
        String ticket = newTicket();
        JsonNode u = problem(use(ticket, usageId(), sku, warehouse), 404);
        assertThat(u.path("type").asText()).endsWith(":unknown-part");
        nothingStored(ticket);
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
        assertThat(dead.error()).contains("part '" + sku + "' is not a spare part of the hub's master data");
        assertThat(jdbc.queryForList("select outcome from delivery_journal where route_id = 'erp-stock' and "
                + "idempotency_key = ? order by id", String.class, usage)).containsExactly("FAILED", "DEAD_LETTER");
        assertThat(erp.stockOrDocumentRequestsSince(before)).as("stock reads or writes that reached %s", erp.erp())
                .isEmpty();
        assertThat(erp.outboundDocumentCount()).isEqualTo(documentsBefore);
    }
}
