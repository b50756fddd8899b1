package org.aftersaleshub.staff;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who created a staff record. A later sync or import upserts by its own key and leaves records of other sources
 * alone unless the key matches.
 */
public enum StaffSource {
    API("api"),
    DINGTALK_SYNC("dingtalk-sync"),
    WECOM_SYNC("wecom-sync"),
    IMPORT("import");

    private final String value;

    StaffSource(String value) {
        this.value = value;
    }

    /** The written form, in JSON and in the {@code staff.source} column. */
    @JsonValue
    public String value() {
        return value;
    }

    static StaffSource of(String value) {
        for (StaffSource s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown staff source '" + value + "'");
    }
}
