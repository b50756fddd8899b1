package org.aftersaleshub.stock;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.erp.*}: how part usages reach the ERP. The connector instances themselves are declared under
 * {@code hub.connectors.*}; their keys: docs/connectors/. Which instance books a warehouse, and the ERP codes, are
 * master data (/api/v1/warehouses, /api/v1/parts, the import): the former {@code hub.erp.warehouses} and
 * {@code hub.erp.default-instance} are refused at start ({@link ErpWarehouses#refuseRemovedKeys}).
 *
 * @param connector           single-ERP shorthand: declares one instance named after the type ({@code kingdee},
 *                            {@code u8}, {@code yonbip}) whose keys are the top-level {@code <type>.*}; empty = none
 * @param stockCacheTtl       how long a real-time stock answer is reused (default 5 s; 0 = always ask the ERP)
 * @param checkBeforeUsage    ask the ERP for available stock before accepting a part usage, answering 409 with the
 *                            available quantity when short (default false)
 * @param requireConnectivity refuse to start when a connector instance's connectivity check fails (default false:
 *                            the hub starts while an ERP is down and its deductions wait in the queue)
 * @param consumers           deductions in flight at once on the erp-stock route (default 8; read by the route as
 *                            {@code {{hub.erp.consumers}}})
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
