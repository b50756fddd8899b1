package org.aftersaleshub.connector.crm;

/**
 * Where a polling reconciliation stands: after the record {@code lastId} modified at {@code modifiedAt} (epoch
 * milliseconds). Changes are ordered by (modified time, id), so records sharing one modified time are neither skipped
 * nor read twice. Persist it after a page was processed; {@link #start(long)} begins at a moment.
 *
 * @param modifiedAt the last processed record's modified time
 * @param lastId     its id, or {@code ""} for "every record modified after {@code modifiedAt}"
 */
public record ChangeCursor(long modifiedAt, String lastId) {

    public ChangeCursor {
        lastId = lastId == null ? "" : lastId;
    }

    /** Every record modified after {@code modifiedAfterMillis}. */
    public static ChangeCursor start(long modifiedAfterMillis) {
        return new ChangeCursor(modifiedAfterMillis, "");
    }
}
