package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
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

/**
 * {@code hub.erp.check-before-usage=true}: a usage the ERP that books its warehouse cannot cover is refused with 409
 * and the available quantity — for every ERP connector on the class path, side by side in one hub (each instance its
 * own warehouses, as in {@link ErpStockRouteContractTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheckBeforeUsageTest {

    static final List<StartedMock> ERPS = ErpInstances.fixtures().stream().map(StockConnectorFixture::start).toList();

    static Stream<Named<StartedMock>> erps() {
        assertThat(ERPS).as("ERP connector fixtures on the test class path").isNotEmpty();
        return ERPS.stream().map(erp -> Named.of(erp.erp().type(), erp));
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ErpStockRouteContractTest.hubBookingIn(r, ERPS);
        r.add("hub.erp.check-before-usage", () -> "true");
    }

    @AfterAll
    static void stop() {
        ERPS.forEach(StartedMock::close);
    }

    @Autowired
    ApplicationContext hub;

    /** The master-data rows that say which instance books each demo warehouse, and every demo part's codes. */
    @BeforeEach
    void masterData() {
        ErpInstances.bookSideBySide(hub, ERPS);
    }

    @Autowired
    TicketService tickets;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @MethodSource("erps")
    void aUsageLargerThanTheAvailableStockIsRefusedWithTheAvailableQuantity(StartedMock erp) throws Exception {
        // only this ERP is short: the check must ask the one that books the warehouse
        for (StartedMock each : ERPS) {
            each.setStock(ErpStockRouteContractTest.SKU, ErpStockRouteContractTest.WAREHOUSE,
                    new BigDecimal(each == erp ? "2" : "100"));
        }
        String ticket = tickets.create(new CreateTicketRequest(Channel.WEB, "C0001", null, "漏水", null, Priority.NORMAL,
                "华东", null, null, null), "test").id();
        String key = keys.create("engineer-app", List.of(ApiScope.TICKETS_WRITE), "test").key();
        String usage = "PU-SHORT-" + erp.erp().type() + "-";
        String json = "{\"id\":\"" + usage + "1\",\"partSku\":\"" + ErpStockRouteContractTest.SKU
                + "\",\"quantity\":{\"value\":3,\"unit\":\"个\"},\"warehouse\":\""
                + ErpStockRouteContractTest.hubWarehouse(erp) + "\"}";
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/tickets/" + ticket + "/part-usages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
                assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(res.body());
        assertThat(problem.get("available").decimalValue()).isEqualByComparingTo("2");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("quantity.value");
        assertThat(jdbc.queryForObject("select count(*) from part_usage where ticket_id = ?", Integer.class, ticket))
                .isZero();

        String enough = json.replace(usage + "1", usage + "2").replace("\"value\":3", "\"value\":2");
        HttpResponse<String> ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/api/v1/tickets/" + ticket + "/part-usages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(enough)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }
}
