package org.aftersaleshub.connector.config;

/** How much a key matters to someone setting the connector up (Kafka ConfigDef's importance). */
public enum Importance {
    /** Must be set or understood for the connector to work. */
    HIGH,
    /** Worth a look in production. */
    MEDIUM,
    /** Tuning; the default suits almost everyone. */
    LOW
}
