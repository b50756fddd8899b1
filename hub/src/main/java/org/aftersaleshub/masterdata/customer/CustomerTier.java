package org.aftersaleshub.masterdata.customer;

import java.util.Locale;
import java.util.Optional;

/** A customer's service tier (客户等级); an import may give the Chinese label instead of the name. */
public enum CustomerTier {
    VIP("VIP"),
    KEY("重点"),
    STANDARD("普通");

    private final String label;

    CustomerTier(String label) {
        this.label = label;
    }

    /** The Chinese label staff see: VIP, 重点, 普通. */
    public String label() {
        return label;
    }

    /** By name (any case) or Chinese label; empty for anything else. */
    public static Optional<CustomerTier> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        for (CustomerTier t : values()) {
            if (t.name().equals(v.toUpperCase(Locale.ROOT)) || t.label.equals(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
