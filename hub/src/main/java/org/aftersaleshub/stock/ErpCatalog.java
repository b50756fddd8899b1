package org.aftersaleshub.stock;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.stock.CatalogEntry;
import org.aftersaleshub.connector.stock.StockCatalog;
import org.springframework.stereotype.Component;

/**
 * Whether the ERP that books a warehouse knows a part and the warehouse, asked before any stock read or deduction is
 * sent to it: first the form of both codes (the connector's {@link StockCatalog#codeForm()}, no call), then what it
 * knows (its mapping, else its master data). Until the hub holds master-data tables, this is where "unknown part"
 * comes from — for the stock API, for recording a part usage, and for the erp-stock route.
 *
 * <p>Answers are cached per instance and code: a "known" for {@code hub.erp.known-ttl}, an "unknown" for the shorter
 * {@code hub.erp.unknown-ttl}. Concurrent questions about one code share one master-data query. An ERP that does not
 * answer is not cached: its {@link org.aftersaleshub.connector.ConnectorException} reaches the caller.
 */
@Component
public class ErpCatalog {

    /** What is wrong with a part and a warehouse for one instance: codes outside its form, or codes it lacks. */
    public record Verdict(List<InvalidInputException> invalid, List<CatalogEntry> unknown) {

        static final Verdict FINE = new Verdict(List.of(), List.of());

        public boolean fine() {
            return invalid.isEmpty() && unknown.isEmpty();
        }
    }

    private record Key(String instance, CatalogEntry.Kind kind, String code) {
    }

    private final AsyncCache<Key, CatalogEntry> cache;

    public ErpCatalog(ErpProperties props) {
        this.cache = Caffeine.newBuilder().maximumSize(50_000)
                .expireAfter(Expiry.<Key, CatalogEntry>writing((key, entry) -> entry.known() ? props.knownTtl()
                        : props.unknownTtl()))
                .buildAsync();
    }

    /**
     * The form of both codes, then — only when both fit — whether the instance knows each (both asked, so a 404 names
     * every unknown one). An instance whose connector has no catalog finds nothing wrong.
     *
     * @throws org.aftersaleshub.connector.ConnectorException when the ERP could not answer a master-data query
     */
    public Verdict check(ConnectorInstances.Instance instance, String sku, String warehouse) {
        Optional<StockCatalog> catalog = instance.connector().as(StockCatalog.class);
        if (catalog.isEmpty()) {
            return Verdict.FINE;
        }
        StockCatalog c = catalog.get();
        List<InvalidInputException> invalid = new ArrayList<>();
        formOf(() -> c.partCode(sku), invalid);
        formOf(() -> c.warehouseCode(warehouse), invalid);
        if (!invalid.isEmpty()) {
            return new Verdict(List.copyOf(invalid), List.of());
        }
        List<CatalogEntry> unknown = new ArrayList<>();
        for (CatalogEntry e : List.of(known(instance.name(), CatalogEntry.Kind.PART, sku, () -> c.partKnown(sku)),
                known(instance.name(), CatalogEntry.Kind.WAREHOUSE, warehouse, () -> c.warehouseKnown(warehouse)))) {
            if (!e.known()) {
                unknown.add(e);
            }
        }
        return new Verdict(List.of(), List.copyOf(unknown));
    }

    private static void formOf(Runnable check, List<InvalidInputException> invalid) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            invalid.add(e);
        }
    }

    /** The cached answer, or the one this caller (and every caller asking meanwhile) gets from {@code ask}. */
    private CatalogEntry known(String instance, CatalogEntry.Kind kind, String code, Supplier<CatalogEntry> ask) {
        CompletableFuture<CatalogEntry> mine = new CompletableFuture<>();
        CompletableFuture<CatalogEntry> answer = cache.get(new Key(instance, kind, code), (k, executor) -> mine);
        if (answer == mine) {
            // asked on this thread, outside the cache's lock; a failed future leaves the cache by itself
            try {
                mine.complete(ErpReads.read(ask));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            }
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
