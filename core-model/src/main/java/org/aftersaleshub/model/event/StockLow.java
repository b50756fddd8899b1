package org.aftersaleshub.model.event;

/** Available stock fell below the safety threshold. */
public record StockLow(String partSku, String warehouse, java.math.BigDecimal available, java.math.BigDecimal safetyStock) implements HubEvent {

    @Override
    public String ticketId() {
        return null;
    }
}
