package org.aftersaleshub.model;

/**
 * Version of the canonical model. Bumped in its minor part for additive changes (new optional fields,
 * new event types) and in its major part for anything a consumer could trip over; the schema folder
 * ({@code schema/v<major>/}) follows the major part.
 */
public final class ModelVersion {

    /** Travels in every event envelope as {@code modelVersion}. */
    public static final String CURRENT = "1.2";

    /** The published schema folder inside this jar, e.g. {@code schema/v1/Ticket.schema.json}. */
    public static final String SCHEMA_PATH = "schema/v1";

    private ModelVersion() {
    }
}
