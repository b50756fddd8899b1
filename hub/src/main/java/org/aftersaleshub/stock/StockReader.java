package org.aftersaleshub.stock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.stock.StockQueries;
import org.aftersaleshub.connector.stock.StockQuery;
import org.aftersaleshub.model.StockLevel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Real-time stock from the ERP, each answer reused for {@code hub.erp.stock-cache-ttl} so a burst of questions
 * about one part costs one ERP call.
 */
@Component
public class StockReader {

    /** A stock level and whether it came from the short cache. */
    public record Answer(StockLevel level, boolean cached) {
    }

    private record Key(String sku, String warehouse) {
    }

    private final Optional<StockQueries> queries;
    private final Cache<Key, StockLevel> cache;

    public StockReader(ObjectProvider<HubConnector> erpConnector, ErpProperties props) {
        this.queries = Optional.ofNullable(erpConnector.getIfAvailable()).flatMap(c -> c.as(StockQueries.class));
        this.cache = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(props.stockCacheTtl().isZero() ? Duration.ofNanos(1) : props.stockCacheTtl()).build();
    }

    public boolean available() {
        return queries.isPresent();
    }

    /**
     * @throws IllegalStateException when no ERP with stock queries is configured
     * @throws org.aftersaleshub.connector.ConnectorException when the ERP cannot answer
     */
    public Answer read(String sku, String warehouse) {
        StockQueries erp = queries.orElseThrow(() -> new IllegalStateException("no stock source"));
        Key key = new Key(sku, warehouse);
        StockLevel hit = cache.getIfPresent(key);
        if (hit != null) {
            return new Answer(hit, true);
        }
        StockLevel level = erp.stockLevel(StockQuery.of(sku, warehouse));
        cache.put(key, level);
        return new Answer(level, false);
    }
}
