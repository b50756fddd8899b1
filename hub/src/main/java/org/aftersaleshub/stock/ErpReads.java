package org.aftersaleshub.stock;

import java.util.function.Supplier;
import org.aftersaleshub.connector.ConnectorException;

/**
 * A read from the ERP (stock level, part or warehouse known) asked once more at once when the first attempt had no
 * usable answer (a pooled keep-alive connection the ERP had already closed, a connect failure). A read changes
 * nothing in the ERP, so a second attempt is always safe, and a caller of the stock API should not get a 503 for a
 * connection the ERP dropped while idle. Writes never come here: the delivery contract retries them with their key.
 */
final class ErpReads {

    private ErpReads() {
    }

    static <T> T read(Supplier<T> ask) {
        try {
            return ask.get();
        } catch (ConnectorException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            return ask.get();
        }
    }
}
