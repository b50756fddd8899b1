package org.aftersaleshub.connector.crm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CRM record as the CRM holds it.
 *
 * @param object       the object's API name ({@code AccountObj})
 * @param id           the CRM's record id
 * @param lastModified when the CRM last changed it, epoch milliseconds (0 when the CRM did not say)
 * @param fields       every field the CRM returned, values as JSON-shaped Java objects (strings, numbers, lists,
 *                     maps); unmodifiable
 */
public record CrmRecord(String object, String id, long lastModified, Map<String, Object> fields) {

    public CrmRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A field as text: a list's first element, null when absent. */
    public String text(String field) {
        Object v = fields.get(field);
        if (v instanceof java.util.List<?> l) {
            v = l.isEmpty() ? null : l.get(0);
        }
        return v == null ? null : String.valueOf(v);
    }
}
