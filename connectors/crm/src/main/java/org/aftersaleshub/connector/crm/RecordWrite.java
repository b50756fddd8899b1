package org.aftersaleshub.connector.crm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record of a batch write ({@link CrmConnector#upsertAll}): its external-key value and its fields.
 */
public record RecordWrite(String keyValue, Map<String, Object> fields) {

    public RecordWrite {
        Objects.requireNonNull(keyValue, "keyValue");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
