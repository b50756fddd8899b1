package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.ErpDocument;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.deadletter.DeadLetter;
import org.aftersaleshub.deadletter.DeadLetterFilter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.model.PartUsage;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Quantity;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.AfterAll;
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
 * Issue 13: a warehouse of the master data is booked by the instance its row names, with its code from the row and the
 * part's code from spare_part_erp_code — for every ERP connector on the class path. The hub codes used here (a SKU
 * and a warehouse invented per test) are known to no connector mapping and no ERP, so only the tables can make the
 * call work. A part that is not in the tables, or has no code for the instance, and a warehouse not in the tables, are
 * 404s naming it, and the ERP mock receives no request at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MasterDataBookingTest {

    static final List<StartedMock> ERPS = ErpInstances.fixtures().stream().map(StockConnectorFixture::start).toList();
    /** The demo part and warehouse whose ERP codes the invented hub codes are given. */
    static final String DEMO_SKU = "SP-PSU-002";
    static final String DEMO_WAREHOUSE = "WH02";
    /** The demo part whose ERP code the part imported by a test is given. */
    static final String IMPORTED_DEMO_SKU = "SP-MCB-003";

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
        api = new ApiTestClient(port, keys.create("md-booking", List.of(ApiScope.TICKETS_READ, ApiScope.TICKETS_WRITE,
                ApiScope.MASTERDATA_WRITE), "test").key());
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /**
     * The warehouse of the master data booked by {@code erp}'s instance as its demo WH02 (one per instance: an ERP
     * warehouse code names one hub warehouse); its hub code.
     */
    String warehouse(StartedMock erp) {
        String code = "MDW-" + erp.erp().type();
        if (api.get("/api/v1/warehouses/" + code).status() == 200) {
            return code;
        }
        created(api.post("/api/v1/warehouses", "{\"code\":\"" + code + "\",\"name\":\"测试仓\",\"erpInstance\":\""
                + ErpInstances.instanceOf(erp.erp()) + "\",\"erpCode\":\"" + erp.erp().warehouseCode(DEMO_WAREHOUSE)
                + "\",\"notifyChannel\":\"DINGTALK\",\"notifyUsers\":[\"ding_user_004\"]}"));
        return code;
    }

    /**
     * A part of the master data with {@code erp}'s code of the demo part (one per instance: an ERP code names one
     * part), or a new part with no code; its SKU.
     */
    String part(StartedMock erp, boolean withCode) {
        String sku = withCode ? "MDP-" + erp.erp().type() : "MDP-" + tag();
        if (withCode && api.get("/api/v1/parts/" + sku).status() == 200) {
            return sku;
        }
        String codes = withCode ? ",\"erpCodes\":{\"" + ErpInstances.instanceOf(erp.erp()) + "\":\""
                + erp.erp().partCode(DEMO_SKU) + "\"}" : "";
        created(api.post("/api/v1/parts", "{\"sku\":\"" + sku + "\",\"name\":\"电源板\",\"unit\":\"块\"" + codes + "}"));
        return sku;
    }

    static JsonNode created(ApiTestClient.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json();
    }

    String ticket() {
        return created(api.post("/api/v1/tickets", "{\"channel\":\"WEB\",\"customerId\":\"C0001\","
                + "\"faultType\":\"制冷异常\",\"region\":\"华东\"}")).path("id").asText();
    }

    ApiTestClient.Answer use(String ticket, String usageId, String sku, String warehouse) {
        return api.post("/api/v1/tickets/" + ticket + "/part-usages", "{\"id\":\"" + usageId + "\",\"partSku\":\""
                + sku + "\",\"quantity\":{\"value\":1,\"unit\":\"块\"},\"warehouse\":\"" + warehouse + "\"}");
    }

    ApiTestClient.Answer stock(String sku, String warehouse) {
        return api.get("/api/v1/parts/" + sku + "/stock?warehouse=" + warehouse);
    }

    static JsonNode problem(ApiTestClient.Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        return a.json();
    }

    // ------------------------------------------------------------------ booked by the tables

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aPartUsageIsBookedThroughTheErpStockRouteWithBothCodesFromTheTables(StartedMock erp) {
        String warehouse = warehouse(erp);
        String sku = part(erp, true);
        String usage = "PU-" + tag();
        ApiTestClient.Answer a = use(ticket(), usage, sku, warehouse);
        assertThat(a.status()).as(a.body()).isEqualTo(201);

        await("document of " + usage).atMost(Duration.ofSeconds(30))
                .until(() -> !erp.documentsOfUsage(usage).isEmpty() && "DEDUCTED".equals(jdbc.queryForObject(
                        "select state from part_usage where id = ?", String.class, usage)));
        List<ErpDocument> docs = erp.documentsOfUsage(usage);
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).partCode()).isEqualTo(erp.erp().partCode(DEMO_SKU));
        assertThat(docs.get(0).warehouseCode()).isEqualTo(erp.erp().warehouseCode(DEMO_WAREHOUSE));
        assertThat(docs.get(0).booked()).isTrue();
        for (StartedMock other : ERPS) {
            if (other != erp) {
                assertThat(other.documentsOfUsage(usage)).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void theStockApiAsksTheErpWithBothCodesFromTheTables(StartedMock erp) {
        String warehouse = warehouse(erp);
        String sku = part(erp, true);
        ApiTestClient.Answer a = stock(sku, warehouse);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().path("connectorInstance").asText()).isEqualTo(ErpInstances.instanceOf(erp.erp()));
        assertThat(a.json().path("available").decimalValue())
                .isEqualByComparingTo(erp.stock(DEMO_SKU, DEMO_WAREHOUSE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aPartThatExistsOnlyAfterAnImportIsRefusedBeforeAndBookedAfterIt(StartedMock erp) {
        String warehouse = warehouse(erp);
        String sku = "MDI-" + tag();
        String ticket = ticket();
        long before = erp.requestCount();
        problem(use(ticket, "PU-" + tag(), sku, warehouse), 404);
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();

        // the part arrives by the spreadsheet import (a CSV as the template has it), with its code in this instance
        String csv = "备件编码,名称,规格,单位,安全库存,ERP编码\n" + sku + ",主控板,MCB-1,块,1,"
                + ErpInstances.instanceOf(erp.erp()) + "=" + erp.erp().partCode(IMPORTED_DEMO_SKU) + "\n";
        ApiTestClient.Answer job = api.send(api.request("/api/v1/imports/parts").header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv, java.nio.charset.StandardCharsets.UTF_8))
                .build());
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        String jobId = job.json().path("id").asText();
        await("import " + jobId).atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(
                api.get("/api/v1/imports/" + jobId).json().path("state").asText()));

        String usage = "PU-" + tag();
        ApiTestClient.Answer a = use(ticket, usage, sku, warehouse);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        await("document of " + usage).atMost(Duration.ofSeconds(30))
                .until(() -> !erp.documentsOfUsage(usage).isEmpty() && "DEDUCTED".equals(jdbc.queryForObject(
                        "select state from part_usage where id = ?", String.class, usage)));
        assertThat(erp.documentsOfUsage(usage)).singleElement()
                .satisfies(d -> assertThat(d.partCode()).isEqualTo(erp.erp().partCode(IMPORTED_DEMO_SKU)));
    }

    // ------------------------------------------------------------------ unknown: 404, no ERP request

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aPartNotInTheTablesIsA404NamingItAndTheErpReceivesNothing(StartedMock erp) {
        String warehouse = warehouse(erp);
        String sku = "MDP-NONE-" + tag();
        String ticket = ticket();
        long before = erp.requestCount();

        JsonNode s = problem(stock(sku, warehouse), 404);
        assertThat(s.path("type").asText()).endsWith(":unknown-part");
        assertThat(s.at("/errors/0/field").asText()).isEqualTo("sku");
        assertThat(s.at("/errors/0/rule").asText()).isEqualTo("exists");
        JsonNode u = problem(use(ticket, "PU-" + tag(), sku, warehouse), 404);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.path("detail").asText()).contains(sku);
        assertThat(jdbc.queryForObject("select count(*) from part_usage where ticket_id = ?", Integer.class, ticket))
                .isZero();
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aPartWithoutACodeForTheWarehousesInstanceIsA404NamingTheInstanceAndTheErpReceivesNothing(StartedMock erp) {
        String warehouse = warehouse(erp);
        String sku = part(erp, false);
        long before = erp.requestCount();
        JsonNode u = problem(use(ticket(), "PU-" + tag(), sku, warehouse), 404);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("partSku");
        assertThat(u.at("/errors/0/rule").asText()).isEqualTo("erp-code:" + ErpInstances.instanceOf(erp.erp()));
        problem(stock(sku, warehouse), 404);
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aWarehouseInNeitherTheTablesNorTheOldPropertiesIsA404NamingItAndNoErpReceivesAnything(StartedMock erp) {
        String sku = part(erp, true);
        String nowhere = "MDW-NONE-" + tag();
        List<Long> before = ERPS.stream().map(StartedMock::requestCount).toList();
        JsonNode u = problem(use(ticket(), "PU-" + tag(), sku, nowhere), 404);
        assertThat(u.at("/errors/0/field").asText()).isEqualTo("warehouse");
        JsonNode s = problem(stock(sku, nowhere), 404);
        assertThat(s.at("/errors/0/field").asText()).isEqualTo("warehouse");
        for (int i = 0; i < ERPS.size(); i++) {
            assertThat(ERPS.get(i).requestsSince(before.get(i))).as("requests that reached %s", ERPS.get(i).erp())
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aQueuedUsageOfAPartNotInTheTablesIsDeadLetteredAtOnceNamingItWithoutReachingTheErp(StartedMock erp) {
        // an event recorded before the part left the tables (or by another producer): straight into the outbox
        String warehouse = warehouse(erp);
        String ticket = ticket();
        String sku = "MDP-GONE-" + tag();
        String usage = "PU-" + tag();
        long before = erp.requestCount();
        tx.executeWithoutResult(s -> outbox.append(new PartConsumed(new PartUsage(usage, ticket, sku,
                new Quantity(java.math.BigDecimal.ONE, "块"), warehouse, List.of(), PartUsageState.PENDING, null, null,
                java.time.Instant.now())), 2, java.time.Instant.now()));

        DeadLetterFilter ofTicket = new DeadLetterFilter(null, "erp-stock", null, null, ticket, null, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(ofTicket, 0, 10).total() == 1);
        DeadLetter dead = deadLetters.list(ofTicket, 0, 10).items().get(0);
        assertThat(dead.idempotencyKey()).isEqualTo(usage);
        assertThat(dead.target()).isEqualTo(ErpInstances.instanceOf(erp.erp()));
        assertThat(dead.attempts()).as("not retried").isEqualTo(1);
        assertThat(dead.error()).contains("part '" + sku + "' is not a spare part of the hub's master data");
        assertThat(erp.requestsSince(before)).as("requests that reached %s", erp.erp()).isEmpty();
    }
}
