package org.aftersaleshub.connector.yonyou;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.connector.stock.StockDeductions;
import org.aftersaleshub.model.Quantity;

/** How the U8 and YonBIP tests deliver part usages: one, redelivered like the hub does, or many at once. */
public final class Deliveries {

    private Deliveries() {
    }

    /** A fresh part-usage id. */
    public static String newKey() {
        return "YT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A usage of {@code qty} of the demo part SP-COMP-001 from the demo warehouse WH01, keyed by {@code id}. */
    public static DeductionRequest usage(String id, String qty) {
        return new DeductionRequest(id, "T-" + id, "SP-COMP-001", null, "WH01", Quantity.of(qty, "台"));
    }

    /** Like the hub redelivering: calls again (same usage) while the call fails retryably, at most 3 times. */
    public static DeductionResult withRedelivery(Supplier<DeductionResult> delivery) {
        for (int attempt = 1; ; attempt++) {
            try {
                return delivery.get();
            } catch (ConnectorException e) {
                if (!e.isRetryable() || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Deducts {@code usages} distinct usages of one unit each from 16 threads at once. */
    public static List<DeductionResult> concurrently(StockDeductions connector, int usages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<DeductionResult>> all = new ArrayList<>();
            for (int i = 0; i < usages; i++) {
                String key = newKey();
                all.add(CompletableFuture.supplyAsync(() -> connector.deduct(usage(key, "1")), pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            return all.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }
}
