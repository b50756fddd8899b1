package org.aftersaleshub.testsupport;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Turns the ERP connector fixtures found on the test class path ({@link StockConnectorFixture#discover()}, one per
 * connector module) into hub configuration: a connector instance per started mock under {@code hub.connectors},
 * with the hub warehouses it books. Hub tests name no ERP: they run for every fixture there is.
 *
 * <pre>{@code
 * // one hub, every ERP side by side: kingdee-test books kingdee-WH01.., u8-test books u8-WH01..
 * ErpInstances.register(r, ErpInstances.sideBySide(mocks));
 * // a hub process booking every warehouse in one ERP
 * hub.start(ErpInstances.commandLineArgs(ErpInstances.only(mock, Duration.ofSeconds(30))));
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
     * Hub properties declaring {@code instance} on {@code mock}, booking the demo warehouses under the hub codes
     * {@code hubWarehouse.apply(demoCode)}.
     */
    public static Map<String, String> properties(String instance, StartedMock mock, Duration callTimeout,
                                                 UnaryOperator<String> hubWarehouse) {
        Map<String, String> p = new LinkedHashMap<>();
        String type = mock.erp().type();
        p.put("hub.connectors." + instance + ".type", type);
        mock.connectorKeys(callTimeout, hubWarehouse).forEach((key, value) ->
                p.put("hub.connectors." + instance + "." + key.substring(type.length() + 1), value));
        return p;
    }

    /** {@link #properties} for one ERP that books every warehouse (the default instance). */
    public static Map<String, String> only(StartedMock mock) {
        return only(mock, Duration.ofMillis(StockConnectorFixture.CONNECTOR_TIMEOUT_MS));
    }

    /** {@link #only(StartedMock)} with another call timeout. */
    public static Map<String, String> only(StartedMock mock, Duration callTimeout) {
        String instance = instanceOf(mock.erp());
        Map<String, String> p = properties(instance, mock, callTimeout, UnaryOperator.identity());
        p.put("hub.erp.default-instance", instance);
        return p;
    }

    /**
     * One instance per mock ({@link #instanceOf}), each booking the demo warehouses under its own hub codes
     * ({@link #warehouseOf}) through {@code hub.erp.warehouses}; no default instance, so a warehouse of no ERP is
     * booked nowhere.
     */
    public static Map<String, String> sideBySide(List<StartedMock> mocks) {
        Map<String, String> p = new LinkedHashMap<>();
        for (StartedMock mock : mocks) {
            StockConnectorFixture erp = mock.erp();
            String instance = instanceOf(erp);
            p.putAll(properties(instance, mock, Duration.ofMillis(StockConnectorFixture.CONNECTOR_TIMEOUT_MS),
                    demo -> warehouseOf(erp, demo)));
            for (String demo : StockConnectorFixture.demoWarehouses()) {
                p.put("hub.erp.warehouses." + warehouseOf(erp, demo), instance);
            }
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

    public static void register(DynamicPropertyRegistry r, Map<String, String> properties) {
        properties.forEach((k, v) -> r.add(k, () -> v));
    }

    /** The properties as application arguments ({@code --key=value}) of a hub started as a process. */
    public static List<String> commandLineArgs(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
