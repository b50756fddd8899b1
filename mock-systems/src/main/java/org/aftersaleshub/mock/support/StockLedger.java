package org.aftersaleshub.mock.support;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * On-hand quantity per part code and warehouse code, as an ERP mock keeps it (in the ERP's own codes). Absent means
 * zero. Not thread-safe: the owning mock guards it with the same lock as the rest of its state, so a stock check and
 * the booking that follows it are one step.
 */
public final class StockLedger {

    private final Map<String, Map<String, BigDecimal>> byPart = new TreeMap<>();

    public BigDecimal quantity(String part, String warehouse) {
        return byPart.getOrDefault(part, Map.of()).getOrDefault(warehouse, BigDecimal.ZERO);
    }

    /** A stock count: the quantity is now {@code qty}. */
    public void set(String part, String warehouse, BigDecimal qty) {
        byPart.computeIfAbsent(part, k -> new TreeMap<>()).put(warehouse, qty);
    }

    /** A booking: {@code delta} in (positive) or out (negative). */
    public void add(String part, String warehouse, BigDecimal delta) {
        byPart.computeIfAbsent(part, k -> new TreeMap<>()).merge(warehouse, delta, BigDecimal::add);
    }

    public void clear() {
        byPart.clear();
    }

    /** A copy, part → warehouse → quantity, both sorted (for the admin API and a mock's stock queries). */
    public Map<String, Map<String, BigDecimal>> view() {
        Map<String, Map<String, BigDecimal>> out = new TreeMap<>();
        byPart.forEach((part, byWarehouse) -> out.put(part, new TreeMap<>(byWarehouse)));
        return out;
    }
}
