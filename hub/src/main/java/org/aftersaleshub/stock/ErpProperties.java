package org.aftersaleshub.stock;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.erp.*}: how part usages reach the ERP. The connector instances themselves are declared under
 * {@code hub.connectors.*}; their keys: docs/connectors/.
 *
 * @param connector           single-ERP shorthand: declares one instance named after the type ({@code kingdee},
 *                            {@code u8}, {@code yonbip}) whose keys are the top-level {@code <type>.*}; empty = none
 * @param warehouses          which connector instance books each hub warehouse ({@code WH03: u8-bj}) — the one
 *                            source the erp-stock route and the stock API both resolve the instance from
 * @param defaultInstance     the instance for warehouses not listed; may be left empty when exactly one instance can
 *                            book stock
 * @param stockCacheTtl       how long a real-time stock answer is reused (default 5 s; 0 = always ask the ERP)
 * @param checkBeforeUsage    ask the ERP for available stock before accepting a part usage, answering 409 with the
 *                            available quantity when short (default false)
 * @param requireConnectivity refuse to start when a connector instance's connectivity check fails (default false:
 *                            the hub starts while an ERP is down and its deductions wait in the queue)
 * @param consumers           deductions in flight at once on the erp-stock route (default 8; read by the route as
 *                            {@code {{hub.erp.consumers}}})
 * @param knownTtl            how long the ERP's "this part / warehouse exists" is reused before its master data is
 *                            asked again (default 10 min; parts and warehouses the instance maps need no asking)
 * @param unknownTtl          how long "the ERP does not know it" is reused (default 30 s: short, so a part created
 *                            in the ERP a moment ago is found soon, yet a burst of typos costs one query)
 */
@ConfigurationProperties("hub.erp")
public record ErpProperties(String connector, Map<String, String> warehouses, String defaultInstance,
                            Duration stockCacheTtl, Boolean checkBeforeUsage, Boolean requireConnectivity,
                            Integer consumers, Duration knownTtl, Duration unknownTtl) {

    public ErpProperties {
        connector = connector == null ? "" : connector.trim();
        warehouses = warehouses == null ? Map.of() : Map.copyOf(warehouses);
        defaultInstance = defaultInstance == null ? "" : defaultInstance.trim();
        stockCacheTtl = stockCacheTtl == null ? Duration.ofSeconds(5) : stockCacheTtl;
        checkBeforeUsage = checkBeforeUsage != null && checkBeforeUsage;
        requireConnectivity = requireConnectivity != null && requireConnectivity;
        consumers = consumers == null || consumers < 1 ? 8 : consumers;
        knownTtl = knownTtl == null || knownTtl.isNegative() ? Duration.ofMinutes(10) : knownTtl;
        unknownTtl = unknownTtl == null || unknownTtl.isNegative() ? Duration.ofSeconds(30) : unknownTtl;
    }
}
