package org.aftersaleshub.connector.crm;

import java.util.Objects;

/** One way to match a record: the CRM field and the value it must equal ({@code account_no = C0001}). */
public record Criterion(String field, String value) {

    public Criterion {
        Objects.requireNonNull(field, "field");
        if (field.isBlank()) {
            throw new IllegalArgumentException("a criterion names a field");
        }
    }
}
