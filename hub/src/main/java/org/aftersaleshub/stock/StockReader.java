package org.aftersaleshub.stock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.StockLevel;
import org.springframework.stereotype.Component;

/**
 * Real-time stock from the connector instance that books the warehouse ({@link ErpWarehouses}: the same one the
 * erp-stock route books in), each answer reused for {@code hub.erp.stock-cache-ttl} so a burst of questions about
 * one part costs one ERP call. The instance is the shared one: its session or token and its rate budget are the
 * route's too.
 */
@Component
public class StockReader {

    /** A stock level, the instance that answered, and whether it came from the short cache. */
    public record Answer(StockLevel level, String instance, boolean cached) {
    }

    private record Key(String instance, String sku, String warehouse) {
    }

    private final ErpWarehouses warehouses;
    private final Cache<Key, StockLevel> cache;

    public StockReader(ErpWarehouses warehouses, ErpProperties props) {
        this.warehouses = warehouses;
        this.cache = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(props.stockCacheTtl().isZero() ? Duration.ofNanos(1) : props.stockCacheTtl()).build();
    }

    /** True when some instance can answer stock queries. */
    public boolean available() {
        return warehouses.any();
    }

    /**
     * The instance that books {@code warehouse}, when it answers stock queries; empty when none is mapped or it
     * cannot answer.
     */
    public Optional<ConnectorInstances.Instance> sourceFor(String warehouse) {
        return warehouses.instanceFor(warehouse).filter(i -> i.connector().as(StockQueries.class).isPresent());
    }

    /**
     * @throws IllegalStateException when no instance answers stock for the warehouse, or the master data does not
     *                               book the part there (callers check with {@link StockChecks} first)
     * @throws org.aftersaleshub.connector.ConnectorException when the ERP cannot answer
     */
    public Answer read(String sku, String warehouse) {
        ConnectorInstances.Instance instance = sourceFor(warehouse).orElseThrow(() -> new IllegalStateException(
                "no stock source for warehouse " + warehouse));
        Key key = new Key(instance.name(), sku, warehouse);
        StockLevel hit = cache.getIfPresent(key);
        if (hit != null) {
            return new Answer(hit, instance.name(), true);
        }
        StockQueries queries = instance.connector().as(StockQueries.class).orElseThrow();
        // the master data's codes, always: the connector maps nothing itself
        MasterDataBookings.Booking b = warehouses.booking(sku, warehouse).filter(MasterDataBookings.Booking::complete)
                .orElseThrow(() -> new IllegalStateException("the master data does not book part " + sku
                        + " in warehouse " + warehouse));
        StockQuery query = StockQuery.of(sku, warehouse).withErpCodes(b.partCode(), b.warehouseCode());
        StockLevel level = ErpReads.read(() -> queries.stockLevel(query));
        cache.put(key, level);
        return new Answer(level, instance.name(), false);
    }
}
