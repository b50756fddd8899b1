package org.aftersaleshub.connector.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.camel.HubConnectorComponent;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.mock.MockSystems;
import org.aftersaleshub.mock.support.DemoData;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.mock.support.RequestLog;

/**
 * An ERP connector's mock, described once by the connector module (its test-jar lists the subclass in
 * {@code META-INF/services/org.aftersaleshub.connector.conformance.StockConnectorFixture}); the connector's own
 * conformance test ({@link StockConnectorConformanceTest}) and the hub's route tests use it, so the hub's tests name
 * no ERP and an outside connector runs them too.
 *
 * <p>What a subclass says: its connector, its mock, the keys that point the connector at a started mock (every demo
 * part and warehouse mapped, the mock's credentials), how to read and set the mock's stock, every document the mock
 * holds in one shape, how its credentials expire, the FaultPlan names of its writes, and which of the requests its
 * mock logs are master-data queries and credential fetches.
 */
public abstract class StockConnectorFixture {

    /**
     * A code no ERP connector may send: a quote (it would end a Kingdee filter string) and a line break (a control
     * character no master-data code has).
     */
    public static final String UNSAFE_CODE = "WH'01\n--";

    /**
     * Milliseconds a connector waits for an answer in tests: a fault that answers later is a timeout. Short, so a
     * timeout test costs seconds, yet far above what the mocks need on a busy 2-core machine.
     */
    public static final int CONNECTOR_TIMEOUT_MS = 2500;

    /** Demo parts and warehouses: hub code to each ERP's code, read from the mocks' own seed data. */
    protected static final List<JsonNode> PARTS = list(DemoData.load().path("parts"));
    protected static final List<JsonNode> WAREHOUSES = list(DemoData.load().path("warehouses"));

    /**
     * Any document the mock holds, read in one shape for every ERP.
     *
     * @param label         how a failure message names it (form or resource and number)
     * @param usageId       the part usage it books, as the connector marked it; null when it is not an outbound
     *                      document marked by the hub
     * @param number        what the hub must record as the usage's ERP document number
     * @param partCode      the ERP's code of its one part (null when it has not exactly one line)
     * @param warehouseCode the ERP's code of its warehouse
     * @param quantity      the quantity of its one line
     * @param booked        the ERP took the stock out (Kingdee audited, U8 added, YonBIP audited)
     */
    public record ErpDocument(String label, String usageId, String number, String partCode, String warehouseCode,
                              BigDecimal quantity, boolean booked) {
    }

    // ------------------------------------------------------------------ what a connector module says

    /** The connector type ({@link HubConnector#name()}), which is also its Camel scheme. */
    public abstract String type();

    /** A fresh, unstarted connector. */
    public abstract HubConnector newConnector();

    /** The mock's name for {@link MockSystems#start(Set, boolean)}. */
    protected abstract String mockName();

    /** The field of the demo data's parts and warehouses that holds this ERP's code ({@code kingdeeNumber}). */
    protected abstract String codeField();

    /** The operation (as the mock's FaultPlan names it) of the write that creates the outbound document. */
    public abstract String writeOperation();

    /** The operation of the write that moves the stock (Kingdee Audit, U8 otherout/add, YonBIP batchaudit). */
    public abstract String bookingOperation();

    /** A piece of the ERP's own answer when an outbound would make stock negative. */
    public abstract String shortageMessage();

    /** Whether a part return books a compensating inbound document (else the connector refuses returns). */
    public abstract boolean booksReturns();

    /**
     * Whether the API's credential (session, token) expires and is renewed; false for APIs that send the same
     * credentials on every call — the kit then checks that nothing is fetched at all instead of faking expiry.
     */
    public boolean credentialsExpire() {
        return true;
    }

    /**
     * The connector's own keys pointing at {@code mock}: base URL, the mock's credentials, every demo part mapped,
     * every demo warehouse mapped under {@code hubWarehouse.apply(demoCode)}. The common call keys are added by
     * {@link StartedMock#connectorKeys(Duration, UnaryOperator)}.
     */
    protected abstract Map<String, String> ownKeys(HttpMock mock, long timeoutMs, UnaryOperator<String> hubWarehouse);

    protected abstract BigDecimal stockIn(HttpMock mock, String partCode, String warehouseCode);

    protected abstract void setStockIn(HttpMock mock, String partCode, String warehouseCode, BigDecimal qty);

    protected abstract List<ErpDocument> everyDocumentIn(HttpMock mock);

    protected abstract long outboundCountIn(HttpMock mock);

    /** Every credential the mock issued stops working now (no-op when {@link #credentialsExpire()} is false). */
    protected abstract void expireIn(HttpMock mock);

    /** Credentials the mock still accepts. */
    protected abstract int liveIn(HttpMock mock);

    /** Credentials (sessions, tokens) the mock issued since it started. */
    protected abstract long issuedIn(HttpMock mock);

    /**
     * Whether a request the mock logged is one of the connector's master-data queries (a material or warehouse
     * lookup), as opposed to a stock read or a write.
     */
    protected abstract boolean isMasterDataQuery(RequestLog.Call call);

    /** Whether a request the mock logged obtained a credential (a login, a token, the gateway's address). */
    protected abstract boolean isCredentialCall(RequestLog.Call call);

    // ------------------------------------------------------------------ shared

    /** Every fixture on the test class path. */
    public static List<StockConnectorFixture> discover() {
        return ServiceLoader.load(StockConnectorFixture.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** Starts this ERP's mock on a free port with the demo data. */
    public StartedMock start() {
        return new StartedMock(this, MockSystems.start(Set.of(mockName()), true));
    }

    /** The ERP's code of a demo part (hub SKU). */
    public String partCode(String sku) {
        return code(PARTS, "sku", sku);
    }

    /** The ERP's code of a demo warehouse (its demo hub code, WH01..). */
    public String warehouseCode(String warehouse) {
        return code(WAREHOUSES, "code", warehouse);
    }

    /** Every demo part's hub SKU, in demo-data order. */
    public static List<String> demoSkus() {
        return PARTS.stream().map(p -> p.path("sku").asText()).toList();
    }

    /** Every demo warehouse's hub code. */
    public static List<String> demoWarehouses() {
        return WAREHOUSES.stream().map(p -> p.path("code").asText()).toList();
    }

    /** {@code keys} as endpoint options of this connector ({@code &appSecret=RAW(...)&baseUrl=RAW(...)}). */
    public String endpointOptions(Map<String, String> keys) {
        var def = newConnector().configDef();
        StringBuilder out = new StringBuilder();
        keys.forEach((key, value) -> out.append('&').append(HubConnectorComponent.optionOf(def.key(key).orElseThrow()))
                .append("=RAW(").append(value).append(')'));
        return out.toString();
    }

    /** {@code HUB=ERP,...} for every demo entry, as the connectors' code-map keys take it. */
    protected String codeMap(List<JsonNode> entries, String hubField, UnaryOperator<String> hubCode) {
        return entries.stream().map(e -> hubCode.apply(e.path(hubField).asText()) + "=" + e.path(codeField()).asText())
                .collect(Collectors.joining(","));
    }

    private String code(List<JsonNode> entries, String hubField, String hubCode) {
        return entries.stream().filter(e -> e.path(hubField).asText().equals(hubCode)).findFirst()
                .map(e -> e.path(codeField()).asText())
                .orElseThrow(() -> new IllegalArgumentException(hubCode + " is not in the demo data"));
    }

    /** The documents of the mock's state ({@code state().get("documents")}), as maps. */
    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> documentMaps(HttpMock mock) {
        return (List<Map<String, Object>>) mock.state().get("documents");
    }

    /** The document's single line; an empty map (so every field reads null) when it has none or several. */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> onlyLine(Object lines) {
        return lines instanceof List<?> l && l.size() == 1 ? (Map<String, Object>) l.get(0) : Map.of();
    }

    protected static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    protected static BigDecimal decimal(Object o) {
        return o == null ? null : new BigDecimal(String.valueOf(o));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return type();
    }

    /** This ERP's mock, running; closing it stops the mock. */
    public static final class StartedMock implements AutoCloseable {

        private final StockConnectorFixture erp;
        private final MockSystems mocks;
        private final HttpMock mock;

        private StartedMock(StockConnectorFixture erp, MockSystems mocks) {
            this.erp = erp;
            this.mocks = mocks;
            this.mock = (HttpMock) mocks.get(erp.mockName());
        }

        public StockConnectorFixture erp() {
            return erp;
        }

        /** The mock itself, for what this class does not cover. */
        public HttpMock mock() {
            return mock;
        }

        /** The connector's keys pointing at this mock with a {@link #CONNECTOR_TIMEOUT_MS} timeout. */
        public Map<String, String> connectorKeys() {
            return connectorKeys(Duration.ofMillis(CONNECTOR_TIMEOUT_MS));
        }

        public Map<String, String> connectorKeys(Duration callTimeout) {
            return connectorKeys(callTimeout, UnaryOperator.identity());
        }

        /**
         * The keys with every demo warehouse mapped under the hub code {@code hubWarehouse.apply(demoCode)}, and the
         * same common call keys for every connector: the call timeout, one attempt per call (so every retry in a hub
         * test is the hub's redelivery), short back-offs, no client-side rate limit to speak of.
         */
        public Map<String, String> connectorKeys(Duration callTimeout, UnaryOperator<String> hubWarehouse) {
            Map<String, String> k = new java.util.LinkedHashMap<>(erp.ownKeys(mock, callTimeout.toMillis(),
                    hubWarehouse));
            String p = erp.type() + ".";
            k.put(p + CommonKeys.TIMEOUT_MS, String.valueOf(callTimeout.toMillis()));
            k.put(p + CommonKeys.MAX_ATTEMPTS, "1");
            k.put(p + CommonKeys.BACKOFF_INITIAL_MS, "100");
            k.put(p + CommonKeys.BACKOFF_MAX_MS, "200");
            k.put(p + CommonKeys.REQUESTS_PER_SECOND, "1000");
            return k;
        }


        /** Stock of a demo part in a demo warehouse, as the ERP holds it now. */
        public BigDecimal stock(String sku, String warehouse) {
            return erp.stockIn(mock, erp.partCode(sku), erp.warehouseCode(warehouse));
        }

        /** Sets the ERP's stock of a demo part in a demo warehouse (a stock count). */
        public void setStock(String sku, String warehouse, BigDecimal qty) {
            erp.setStockIn(mock, erp.partCode(sku), erp.warehouseCode(warehouse), qty);
        }

        /** Every outbound document the ERP holds, whatever its key. */
        public long outboundDocumentCount() {
            return erp.outboundCountIn(mock);
        }

        /** Documents the mock holds that are not outbound ones (compensating inbound documents). */
        public long otherDocumentCount() {
            return allDocuments().size() - outboundDocumentCount();
        }

        /** Every document the mock holds, outbound or not, with the usage each is marked with. */
        public List<ErpDocument> allDocuments() {
            return erp.everyDocumentIn(mock);
        }

        /** The ERP's documents marked with one part usage (exactly-once means one). */
        public List<ErpDocument> documentsOfUsage(String usageId) {
            return allDocuments().stream().filter(d -> usageId.equals(d.usageId())).toList();
        }

        /** The next booking write commits, then its answer is held for {@code hold}. */
        public void holdTheAnswerOfTheNextBooking(Duration hold) {
            mock.faults().add(new FaultPlan.Rule(erp.bookingOperation(), FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER,
                    1, 1.0, 0, hold.toMillis(), hold.toMillis()));
        }

        /** Every booking write commits, then answers after {@code min..max}, until {@link #clearFaults()}. */
        public void answerEveryBookingLate(Duration min, Duration max) {
            mock.faults().add(new FaultPlan.Rule(erp.bookingOperation(), FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER,
                    -1, 1.0, 0, min.toMillis(), max.toMillis()));
        }

        /** The next write commits, then its answer comes {@code delayMs} later (a timeout after commit). */
        public void commitNextWriteThenAnswerAfter(long delayMs) {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation(), FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1,
                    1.0, 0, delayMs, delayMs));
        }

        /** The next write commits, then answers HTTP {@code status} instead (e.g. a 500 from a proxy). */
        public void commitNextWriteThenAnswer(int status) {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation(), FaultPlan.Kind.HTTP_ERROR,
                    FaultPlan.Phase.AFTER, 1, 1.0, status, 0, 0));
        }

        /** The next write commits, then the connection is reset instead of answered. */
        public void commitNextWriteThenResetTheConnection() {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation(), FaultPlan.Kind.CONNECTION_RESET,
                    FaultPlan.Phase.AFTER, 1, 1.0, 0, 0, 0));
        }

        /** The next write is refused with HTTP 429 before anything happens (a rate-limit answer). */
        public void rateLimitNextWrite() {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation(), FaultPlan.Kind.HTTP_ERROR,
                    FaultPlan.Phase.BEFORE, 1, 1.0, 429, 0, 0));
        }

        /** Every write waits {@code delayMs} before it is handled (so two deliveries overlap), until cleared. */
        public void delayEveryWrite(long delayMs) {
            mock.faults().add(new FaultPlan.Rule(erp.writeOperation(), FaultPlan.Kind.DELAY, FaultPlan.Phase.BEFORE,
                    -1, 1.0, 0, delayMs, delayMs));
        }

        /** Every call answers HTTP {@code status} without doing anything, until {@link #clearFaults()}. */
        public void failEveryCall(int status) {
            mock.faults().add(new FaultPlan.Rule("*", FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.BEFORE, -1, 1.0,
                    status, 0, 0));
        }

        /** Every call has its connection reset without doing anything, until {@link #clearFaults()}. */
        public void resetEveryConnection() {
            mock.faults().add(new FaultPlan.Rule("*", FaultPlan.Kind.CONNECTION_RESET, FaultPlan.Phase.BEFORE, -1,
                    1.0, 0, 0, 0));
        }

        /** Every call waits {@code delayMs} before it is handled, until {@link #clearFaults()}. */
        public void delayEveryCall(long delayMs) {
            mock.faults().add(new FaultPlan.Rule("*", FaultPlan.Kind.DELAY, FaultPlan.Phase.BEFORE, -1, 1.0, 0,
                    delayMs, delayMs));
        }

        public void clearFaults() {
            mock.faults().clear();
        }

        /** Every credential the ERP issued stops working now. */
        public void expireSessions() {
            erp.expireIn(mock);
        }

        /** Credentials the ERP still accepts now. */
        public int liveSessions() {
            return erp.liveIn(mock);
        }

        /** Credentials the ERP issued since the mock started (token calls, logins). */
        public long credentialsIssued() {
            return erp.issuedIn(mock);
        }

        /** Every request that reached the ERP since the mock started (faulted ones included). */
        public long requestCount() {
            return mock.requests().total();
        }

        /** The connector's master-data queries (material or warehouse lookups) that reached the ERP. */
        public long masterDataQueries() {
            return mock.requests().count(erp::isMasterDataQuery);
        }

        /**
         * The requests that reached the ERP after it had seen {@code count} ({@link #requestCount()} taken before),
         * oldest first.
         *
         * @throws IllegalStateException when there were more than the mock keeps
         */
        public List<RequestLog.Entry> requestsSince(long count) {
            List<RequestLog.Entry> recent = mock.requests().recent();
            long since = mock.requests().total() - count;
            if (since > recent.size()) {
                throw new IllegalStateException(since + " requests since, more than the " + recent.size()
                        + " the mock keeps");
            }
            return recent.subList(recent.size() - (int) since, recent.size());
        }

        /** The requests since {@code count} other than master-data queries and credential fetches. */
        public List<RequestLog.Entry> stockOrDocumentRequestsSince(long count) {
            return requestsSince(count).stream().filter(e -> !erp.isMasterDataQuery(e.call())
                    && !erp.isCredentialCall(e.call())).toList();
        }

        /**
         * Adds a warehouse to the ERP's master data under its ERP code, without mapping it in the connector's keys
         * (so only the ERP's warehouse query can tell the connector it exists).
         */
        public void addWarehouseToMasterData(String erpCode, String name) {
            String seed = "{\"warehouses\":[{\"code\":\"" + erpCode + "\",\"" + erp.codeField() + "\":\"" + erpCode
                    + "\",\"name\":\"" + name + "\"}]}";
            try {
                HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(mock.baseUrl() + HttpMock.ADMIN_PREFIX + "seed")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(seed))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("mock seed: HTTP " + res.statusCode() + " " + res.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            mocks.close();
        }

        @Override
        public String toString() {
            return erp.type() + " mock on " + mock.baseUrl();
        }
    }
}
