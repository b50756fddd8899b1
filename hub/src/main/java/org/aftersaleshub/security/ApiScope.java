package org.aftersaleshub.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** What an API key may do. {@code admin} implies every other scope. */
public enum ApiScope {
    TICKETS_READ("tickets:read"),
    TICKETS_WRITE("tickets:write"),
    /**
     * Read the hub's own metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}, {@code /actuator/info}):
     * the key a Prometheus scraper gets, so it never holds a key that could replay dead letters or issue keys.
     */
    METRICS_READ("metrics:read"),
    /** Change master data (customers, devices, spare parts, warehouses) and run imports; reading needs tickets:read. */
    MASTERDATA_WRITE("masterdata:write"),
    ADMIN("admin");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The scope as written in keys, requests and the {@code api_key.scopes} column, e.g. {@code tickets:read}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The Spring Security authority checked by the path rules. */
    public String authority() {
        return "SCOPE_" + value;
    }

    /** Scope by its written form; {@code IllegalArgumentException} naming the allowed values otherwise. */
    public static ApiScope of(String value) {
        for (ApiScope s : values()) {
            if (s.value.equals(value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + value + "'; allowed: " + Arrays.toString(values()));
    }

    /** The scopes a key effectively has: admin implies all. */
    public static Set<ApiScope> effective(Collection<ApiScope> granted) {
        return granted.contains(ADMIN) ? EnumSet.allOf(ApiScope.class)
                : granted.isEmpty() ? EnumSet.noneOf(ApiScope.class) : EnumSet.copyOf(granted);
    }

    @Override
    public String toString() {
        return value;
    }
}
