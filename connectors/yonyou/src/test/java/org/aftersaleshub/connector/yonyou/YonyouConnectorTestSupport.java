package org.aftersaleshub.connector.yonyou;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.conformance.ConnectorConformanceTest;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.mock.support.HttpMock;
import org.aftersaleshub.model.Quantity;
import org.junit.jupiter.api.Test;

/**
 * What the U8 and YonBIP connector tests share on top of the kit's conformance checks: the mock under test, the
 * deduction a conformance "effect" is, config variants, a concurrent-deduction harness, and the token-expiry check
 * on the mock's clock. Subclasses register the mock extension, set {@link #mock} before each test and state
 * everything system-specific (configs, fault rules, how effects are counted).
 *
 * @param <C> the connector under test
 * @param <M> the mock of its system
 */
public abstract class YonyouConnectorTestSupport<C extends HubConnector & StockDeductions, M extends HttpMock>
        extends ConnectorConformanceTest<C> {

    /** The mock of the system under test; the subclass sets it before each test. */
    protected M mock;

    /**
     * Sends one request to the mock: the first request to a fresh WireMock takes seconds (class loading), which
     * must stay out of timed checks. Call it from the subclass's {@code @BeforeAll}.
     */
    protected static void warmUp(HttpMock mock) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/mock-admin/state"))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    /** A usage of {@code qty} of part SP-COMP-001 from hub warehouse WH01, keyed by {@code id}. */
    public static DeductionRequest usage(String id, String qty) {
        return new DeductionRequest(id, "T-" + id, "SP-COMP-001", null, "WH01", Quantity.of(qty, "台"));
    }

    /** {@link #validConfig()} with one key set (or replaced). */
    protected Map<String, String> with(String key, String value) {
        Map<String, String> c = validConfig();
        c.put(key, value);
        return c;
    }

    /** The effect is one booked deduction of the usage {@code key}. */
    @Override
    protected void performEffect(C connector, String key) {
        DeductionResult r = connector.deduct(usage(key, "1"));
        assertThat(r.isDone()).as(String.valueOf(r.reason())).isTrue();
    }

    /** Deducts {@code usages} distinct usages of one unit each from 16 threads at once; every one must be done. */
    protected void deductConcurrently(C connector, int usages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<DeductionResult>> all = new ArrayList<>();
            for (int i = 0; i < usages; i++) {
                String key = newKey();
                all.add(CompletableFuture.supplyAsync(() -> connector.deduct(usage(key, "1")), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            assertThat(all).allMatch(f -> f.join().isDone());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void tokenExpiryOnTheMockClockBetweenCallsIsRenewedOnce() {
        effect(newKey());
        long before = tokenRefreshes(started());
        mock.clock().advance(Duration.ofHours(2)); // the system's token is dead; the connector's cache does not know
        String key = newKey();
        effect(key);
        assertThat(tokenRefreshes(started()) - before).isEqualTo(1);
        assertThat(countEffects(key)).isEqualTo(1);
    }
}
