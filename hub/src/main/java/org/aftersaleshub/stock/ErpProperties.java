package org.aftersaleshub.stock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.erp.*}. The connector's own keys ({@code kingdee.*}, {@code u8.*}, {@code yonbip.*}) are declared by the
 * connector itself; see docs/connectors/.
 *
 * @param connector          the ERP connector in use: {@code kingdee}, {@code u8}, {@code yonbip}; empty = no ERP
 *                           (the erp-stock route must then not be loaded)
 * @param stockCacheTtl      how long a real-time stock answer is reused (default 5 s; 0 = always ask the ERP)
 * @param checkBeforeUsage   ask the ERP for available stock before accepting a part usage, answering 409 with the
 *                           available quantity when short (default false)
 * @param requireConnectivity refuse to start when the connectivity check fails (default false: the hub starts
 *                           while the ERP is down and deductions wait in the queue)
 * @param consumers          deductions in flight at once on the erp-stock route (default 8; read by the route as
 *                           {@code {{hub.erp.consumers}}})
 */
@ConfigurationProperties("hub.erp")
public record ErpProperties(String connector, Duration stockCacheTtl, Boolean checkBeforeUsage,
                            Boolean requireConnectivity, Integer consumers) {

    public ErpProperties {
        connector = connector == null ? "" : connector.trim();
        stockCacheTtl = stockCacheTtl == null ? Duration.ofSeconds(5) : stockCacheTtl;
        checkBeforeUsage = checkBeforeUsage != null && checkBeforeUsage;
        requireConnectivity = requireConnectivity != null && requireConnectivity;
        consumers = consumers == null || consumers < 1 ? 8 : consumers;
    }
}
