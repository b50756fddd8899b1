package org.aftersaleshub.connector.config;

/** How a config value is written and parsed. Values are always strings on the way in. */
public enum ConfigType {
    /** Any text. */
    STRING,
    /** A 32-bit integer. */
    INT,
    /** A 64-bit integer. */
    LONG,
    /** {@code true} or {@code false}, case-insensitive. */
    BOOLEAN,
    /** An absolute {@code http} or {@code https} URL. */
    URL,
    /** One of the declared values, case-insensitive, {@code -} and {@code _} equivalent. */
    ENUM,
    /** {@code a=b,c=d}; empty means an empty map. */
    MAP
}
