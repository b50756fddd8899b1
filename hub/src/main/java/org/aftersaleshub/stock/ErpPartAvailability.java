package org.aftersaleshub.stock;

import java.math.BigDecimal;
import java.util.Optional;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.ticket.PartAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code hub.erp.check-before-usage=true}: a part usage larger than the ERP's available stock is refused (409). */
@Component
@ConditionalOnProperty(name = "hub.erp.check-before-usage", havingValue = "true")
public class ErpPartAvailability implements PartAvailability {

    private static final Logger log = LoggerFactory.getLogger(ErpPartAvailability.class);

    private final StockReader stock;

    public ErpPartAvailability(StockReader stock) {
        this.stock = stock;
    }

    @Override
    public Optional<BigDecimal> shortfall(String partSku, String warehouse, BigDecimal wanted) {
        if (stock.sourceFor(warehouse).isEmpty()) {
            return Optional.empty(); // no ERP books this warehouse: nothing to check against
        }
        try {
            BigDecimal available = stock.read(partSku, warehouse).level().available();
            return available.compareTo(wanted) < 0 ? Optional.of(available) : Optional.empty();
        } catch (ConnectorException e) {
            // the ERP is down: accept the usage; the deduction waits and the ERP decides then
            log.warn("Stock check skipped for {} in {}: {}", partSku, warehouse, e.getMessage());
            return Optional.empty();
        }
    }
}
