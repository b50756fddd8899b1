package org.aftersaleshub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.masterdata.part.SparePartRequest;
import org.aftersaleshub.masterdata.part.SparePartService;
import org.aftersaleshub.masterdata.warehouse.WarehouseRequest;
import org.aftersaleshub.masterdata.warehouse.WarehouseService;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Turns the ERP connector fixtures found on the test class path ({@link StockConnectorFixture#discover()}, one per
 * connector module) into hub configuration: a connector instance per started mock under {@code hub.connectors},
 * and the master-data rows saying which hub warehouses it books ({@link #book}). Hub tests name no ERP: they run
 * for every fixture there is.
 *
 * <pre>{@code
 * // one hub, every ERP side by side: kingdee-test books kingdee-WH01.., u8-test books u8-WH01..
 * ErpInstances.register(r, ErpInstances.sideBySide(mocks));   // then, once the hub runs:
 * ErpInstances.bookSideBySide(applicationContext, mocks);
 * // a hub process booking every warehouse in one ERP
 * hub.start(ErpInstances.commandLineArgs(ErpInstances.only(mock, Duration.ofSeconds(30))));
 * ErpInstances.bookOnlyOverHttp(hub.baseUri().toString(), adminKey, mock);
 * }</pre>
 */
public final class ErpInstances {

    private ErpInstances() {
    }

    /** Every ERP connector fixture on the class path, in a stable order. */
    public static List<StockConnectorFixture> fixtures() {
        return StockConnectorFixture.discover().stream()
                .sorted(Comparator.comparing(StockConnectorFixture::type)).toList();
    }

    /** The instance name a test gives an ERP's mock: {@code <type>-test}. */
    public static String instanceOf(StockConnectorFixture erp) {
        return erp.type() + "-test";
    }

    /**
     * The hub warehouse code under which {@link #sideBySide} lets {@code erp}'s instance book the demo warehouse
     * {@code demoWarehouse}: {@code <type>-<demo code>} ({@code kingdee-WH01}).
     */
    public static String warehouseOf(StockConnectorFixture erp, String demoWarehouse) {
        return erp.type() + "-" + demoWarehouse;
    }

    /**
     * Hub properties declaring {@code instance} on {@code mock}, without the connector's own code mappings
     * ({@code *-codes}): the hub sends both codes from its master data ({@link #book}), so it must not need them.
     */
    public static Map<String, String> properties(String instance, StartedMock mock, Duration callTimeout) {
        Map<String, String> p = new LinkedHashMap<>();
        String type = mock.erp().type();
        p.put("hub.connectors." + instance + ".type", type);
        mock.connectorKeys(callTimeout).forEach((key, value) -> {
            if (!key.endsWith("-codes")) {
                p.put("hub.connectors." + instance + "." + key.substring(type.length() + 1), value);
            }
        });
        return p;
    }

    /** {@link #properties} for one ERP, which books the demo warehouses under their demo codes ({@link #bookOnly}). */
    public static Map<String, String> only(StartedMock mock) {
        return only(mock, Duration.ofMillis(StockConnectorFixture.CONNECTOR_TIMEOUT_MS));
    }

    /** {@link #only(StartedMock)} with another call timeout. */
    public static Map<String, String> only(StartedMock mock, Duration callTimeout) {
        return properties(instanceOf(mock.erp()), mock, callTimeout);
    }

    /**
     * One instance per mock ({@link #instanceOf}); {@link #bookSideBySide} gives each the demo warehouses under its own
     * hub codes ({@link #warehouseOf}), so a warehouse of no ERP is booked nowhere.
     */
    public static Map<String, String> sideBySide(List<StartedMock> mocks) {
        Map<String, String> p = new LinkedHashMap<>();
        for (StartedMock mock : mocks) {
            StockConnectorFixture erp = mock.erp();
            p.putAll(properties(instanceOf(erp), mock, Duration.ofMillis(StockConnectorFixture.CONNECTOR_TIMEOUT_MS)));
        }
        return p;
    }

    /**
     * A hub on H2 that loads only routes/erp-stock.yaml: retries are the hub's (3 attempts, 100-200 ms apart; the
     * connectors make one attempt per call), stock answers are never cached. Add the instances with
     * {@link #register}.
     */
    public static void erpStockRouteOnly(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "erp-stock.yaml");
        r.add("hub.erp.stock-cache-ttl", () -> "0s");
        r.add("hub.delivery.initial-backoff-ms", () -> "100");
        r.add("hub.delivery.max-backoff-ms", () -> "200");
        r.add("hub.delivery.max-attempts", () -> "3");
    }

    /**
     * The master-data rows for what {@link #sideBySide} declares — the hub's one source of which instance books a
     * warehouse and of both ERP codes: every demo warehouse of every ERP under {@link #warehouseOf}, booked by
     * {@link #instanceOf}, and every demo part with its code in each instance. Idempotent (upsert by code).
     */
    public static void bookSideBySide(ApplicationContext hub, List<StartedMock> mocks) {
        book(hub, mocks.stream().map(StartedMock::erp).toList(), ErpInstances::warehouseOf);
    }

    /** The master-data rows for what {@link #only} declares: the demo warehouses under their demo codes. */
    public static void bookOnly(ApplicationContext hub, StartedMock mock) {
        book(hub, List.of(mock.erp()), (erp, demo) -> demo);
    }

    /**
     * Writes the rows through the master-data services (as the REST API and the import do): each ERP's demo
     * warehouses under {@code hubWarehouse.apply(erp, demoCode)} with their codes there, each demo part with its code
     * in every ERP's instance.
     */
    public static void book(ApplicationContext hub, List<StockConnectorFixture> erps,
                            BiFunction<StockConnectorFixture, String, String> hubWarehouse) {
        WarehouseService warehouses = hub.getBean(WarehouseService.class);
        SparePartService parts = hub.getBean(SparePartService.class);
        for (StockConnectorFixture erp : erps) {
            for (String demo : StockConnectorFixture.demoWarehouses()) {
                warehouses.upsert(new WarehouseRequest(hubWarehouse.apply(erp, demo), "演示仓 " + demo, null,
                        instanceOf(erp), erp.warehouseCode(demo), null, null, null, true, null), "test");
            }
        }
        for (String sku : StockConnectorFixture.demoSkus()) {
            Map<String, String> codes = new LinkedHashMap<>();
            erps.forEach(erp -> codes.put(instanceOf(erp), erp.partCode(sku)));
            parts.upsert(new SparePartRequest(sku, "演示备件 " + sku, null, "个", null, true, codes, null), "test");
        }
    }

    /** The rows of {@link #bookOnly} through the REST API of a hub started as a process (admin key). */
    public static void bookOnlyOverHttp(String baseUrl, String adminKey, StartedMock mock) {
        StockConnectorFixture erp = mock.erp();
        for (String demo : StockConnectorFixture.demoWarehouses()) {
            post(baseUrl, "/api/v1/warehouses", adminKey, "{\"code\":\"" + demo + "\",\"name\":\"演示仓 " + demo
                    + "\",\"erpInstance\":\"" + instanceOf(erp) + "\",\"erpCode\":\"" + erp.warehouseCode(demo)
                    + "\"}");
        }
        for (String sku : StockConnectorFixture.demoSkus()) {
            post(baseUrl, "/api/v1/parts", adminKey, "{\"sku\":\"" + sku + "\",\"name\":\"演示备件\",\"unit\":\"个\","
                    + "\"erpCodes\":{\"" + instanceOf(erp) + "\":\"" + erp.partCode(sku) + "\"}}");
        }
    }

    private static void post(String baseUrl, String path, String adminKey, String json) {
        URI url = URI.create(baseUrl).resolve(path);
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminKey)
                            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 201) {
                throw new IllegalStateException("POST " + url + ": HTTP " + res.statusCode() + " " + res.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void register(DynamicPropertyRegistry r, Map<String, String> properties) {
        properties.forEach((k, v) -> r.add(k, () -> v));
    }

    /** The properties as application arguments ({@code --key=value}) of a hub started as a process. */
    public static List<String> commandLineArgs(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
