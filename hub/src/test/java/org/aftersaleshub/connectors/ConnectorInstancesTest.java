package org.aftersaleshub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.masterdata.part.SparePartRequest;
import org.aftersaleshub.masterdata.part.SparePartService;
import org.aftersaleshub.masterdata.warehouse.WarehouseRequest;
import org.aftersaleshub.masterdata.warehouse.WarehouseService;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.QuantityInput;
import org.aftersaleshub.ticket.RecordPartUsageRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Named connector instances (issue 9): one hub with three ERP instances — two of one connector type (two 账套, each
 * its own mock) and one of another type — each booking its own warehouses by the master data's warehouse table. The
 * erp-stock route and the stock API resolve the instance from that one source; every instance has one credential
 * cache and one rate budget shared by both. The types come from the connector fixtures on the class path, so the
 * hub names none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectorInstancesTest {

    static final List<StockConnectorFixture> ERPS = ErpInstances.fixtures();
    /** First type: two instances (A1 books WH01, A2 books WH02); second type: one instance (B books WH03). */
    static final StartedMock A1 = ERPS.get(0).start();
    static final StartedMock A2 = ERPS.get(0).start();
    static final StartedMock B = ERPS.get(1).start();
    static final String SKU = StockConnectorFixture.demoSkus().get(3);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ErpInstances.erpStockRouteOnly(r);
        Map<String, String> p = new LinkedHashMap<>();
        Duration timeout = Duration.ofMillis(StockConnectorFixture.CONNECTOR_TIMEOUT_MS);
        p.putAll(ErpInstances.properties("erp-a1", A1, timeout));
        p.putAll(ErpInstances.properties("erp-a2", A2, timeout));
        p.putAll(ErpInstances.properties("erp-b", B, timeout));
        ErpInstances.register(r, p);
    }

    @Autowired
    WarehouseService warehouses;
    @Autowired
    SparePartService parts;

    /** Each instance books one warehouse (the demo mocks all know WH01..WH03); the part has a code in each. */
    @BeforeEach
    void masterData() {
        Map<String, StartedMock> byInstance = Map.of("erp-a1", A1, "erp-a2", A2, "erp-b", B);
        Map<String, String> booking = Map.of("WH01", "erp-a1", "WH02", "erp-a2", "WH03", "erp-b");
        booking.forEach((warehouse, instance) -> warehouses.upsert(new WarehouseRequest(warehouse, "仓库 " + warehouse,
                null, instance, byInstance.get(instance).erp().warehouseCode(warehouse), null, null, null, true, null),
                "test"));
        Map<String, String> codes = new LinkedHashMap<>();
        byInstance.forEach((instance, erp) -> codes.put(instance, erp.erp().partCode(SKU)));
        parts.upsert(new SparePartRequest(SKU, "备件", null, "个", null, true, codes, null), "test");
    }

    @AfterAll
    static void stopMocks() {
        A1.close();
        A2.close();
        B.close();
    }

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiKeyService keys;
    @LocalServerPort
    int port;

    String use(String warehouse, String qty) {
        String ticket = tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "制冷异常", null,
                Priority.NORMAL, "华东", null, null, null), "test").id();
        String usage = "PU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        tickets.recordPartUsage(ticket, new RecordPartUsageRequest(usage, SKU, new QuantityInput(new BigDecimal(qty),
                "个"), warehouse, List.of()));
        return usage;
    }

    void awaitDeducted(String usage) {
        await("usage " + usage + " deducted").atMost(Duration.ofSeconds(60)).until(() -> "DEDUCTED".equals(
                jdbc.queryForObject("select state from part_usage where id = ?", String.class, usage)));
    }

    ApiTestClient api(ApiScope scope) {
        return new ApiTestClient(port, keys.create("connectors-test-" + UUID.randomUUID(), List.of(scope), "test")
                .key());
    }

    @Test
    void eachWarehouseIsBookedOnceInTheErpThatBooksItAndItsStockComesFromThere() {
        A1.setStock(SKU, "WH01", new BigDecimal("10"));
        A2.setStock(SKU, "WH02", new BigDecimal("20"));
        B.setStock(SKU, "WH03", new BigDecimal("30"));
        String u1 = use("WH01", "1");
        String u2 = use("WH02", "2");
        String u3 = use("WH03", "3");
        awaitDeducted(u1);
        awaitDeducted(u2);
        awaitDeducted(u3);

        assertThat(A1.documentsOfUsage(u1)).hasSize(1);
        assertThat(A2.documentsOfUsage(u2)).hasSize(1);
        assertThat(B.documentsOfUsage(u3)).hasSize(1);
        for (String u : List.of(u1, u2, u3)) {
            long everywhere = A1.documentsOfUsage(u).size() + A2.documentsOfUsage(u).size()
                    + B.documentsOfUsage(u).size();
            assertThat(everywhere).as("documents of %s across all ERPs", u).isEqualTo(1);
        }
        assertThat(A1.stock(SKU, "WH01")).isEqualByComparingTo("9");
        assertThat(A2.stock(SKU, "WH02")).isEqualByComparingTo("18");
        assertThat(B.stock(SKU, "WH03")).isEqualByComparingTo("27");
        assertThat(jdbc.queryForList("select target from delivery_journal where idempotency_key in (?, ?, ?)"
                + " order by idempotency_key", String.class, u1, u2, u3))
                .containsExactlyInAnyOrder("erp-a1", "erp-a2", "erp-b");

        ApiTestClient reader = api(ApiScope.TICKETS_READ);
        Map<String, String> expected = Map.of("WH01", "9", "WH02", "18", "WH03", "27");
        Map<String, String> instance = Map.of("WH01", "erp-a1", "WH02", "erp-a2", "WH03", "erp-b");
        expected.forEach((warehouse, qty) -> {
            ApiTestClient.Answer a = reader.get("/api/v1/parts/" + SKU + "/stock?warehouse=" + warehouse);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.json().path("available").decimalValue()).isEqualByComparingTo(qty);
            assertThat(a.json().path("connectorInstance").asText()).isEqualTo(instance.get(warehouse));
        });
        ApiTestClient.Answer unmapped = reader.get("/api/v1/parts/" + SKU + "/stock?warehouse=WH99");
        assertThat(unmapped.status()).isEqualTo(404);
        assertThat(unmapped.body()).contains("warehouse").contains("/api/v1/warehouses");
    }

    @Test
    void fiftyCallsRightAfterTheCredentialExpiredCostOneRefreshPerInstance() throws Exception {
        for (StartedMock erp : List.of(A1, B)) {
            erp.setStock(SKU, erp == A1 ? "WH01" : "WH03", new BigDecimal("1000"));
        }
        // warm up: each instance holds a credential
        awaitDeducted(use("WH01", "1"));
        awaitDeducted(use("WH03", "1"));
        long a1Before = A1.credentialsIssued();
        long bBefore = B.credentialsIssued();
        long a2Before = A2.credentialsIssued();
        A1.expireSessions();
        B.expireSessions();

        ApiTestClient reader = api(ApiScope.TICKETS_READ);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> usages = new ArrayList<>();
        List<Future<Integer>> reads = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                String warehouse = i % 2 == 0 ? "WH01" : "WH03";
                usages.add(pool.submit(() -> {
                    go.await();
                    return use(warehouse, "1");
                }));
                Callable<Integer> read = () -> {
                    go.await();
                    return reader.get("/api/v1/parts/" + SKU + "/stock?warehouse=" + warehouse).status();
                };
                reads.add(pool.submit(read));
            }
            go.countDown();
            for (Future<Integer> r : reads) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
            for (Future<String> u : usages) {
                awaitDeducted(u.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(A1.credentialsIssued() - a1Before).as("credentials fetched by %s after expiry", ERPS.get(0))
                .isEqualTo(ERPS.get(0).credentialsExpire() ? 1 : 0);
        assertThat(B.credentialsIssued() - bBefore).as("credentials fetched by %s after expiry", ERPS.get(1))
                .isEqualTo(ERPS.get(1).credentialsExpire() ? 1 : 0);
        assertThat(A2.credentialsIssued()).as("the other instance of the same type fetched nothing").isEqualTo(a2Before);
    }

    @Test
    void operatorsSeeEveryInstanceWithItsStateButNoSecret() {
        ApiTestClient admin = api(ApiScope.ADMIN);
        ApiTestClient.Answer a = admin.get("/api/v1/connectors");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode list = a.json().path("instances");
        assertThat(list).extracting(n -> n.path("name").asText()).containsExactly("erp-a1", "erp-a2", "erp-b");
        JsonNode b = list.get(2);
        assertThat(b.path("type").asText()).isEqualTo(ERPS.get(1).type());
        assertThat(b.path("operations")).extracting(JsonNode::asText).contains("deduct", "return", "stock");
        assertThat(b.path("warehouses")).extracting(JsonNode::asText).containsExactly("WH03");
        assertThat(b.path("connectivity").path("status").asText()).isEqualTo("REACHABLE");
        assertThat(b.path("rateBudget").path("requestsPerSecond").asInt()).isPositive();
        assertThat(b.path("validation")).isEmpty();
        for (StartedMock erp : List.of(A1, A2, B)) {
            erp.connectorKeys().forEach((key, value) -> {
                if (key.contains("secret") || key.contains("password")) {
                    assertThat(a.body()).as("the body never shows " + key).doesNotContain(value);
                }
            });
        }
        ApiTestClient.Answer checked = admin.get("/api/v1/connectors?check=true");
        assertThat(checked.json().path("instances").get(0).path("connectivity").path("checkedAt").isTextual())
                .isTrue();
        assertThat(api(ApiScope.TICKETS_READ).get("/api/v1/connectors").status()).isEqualTo(403);
    }
}
