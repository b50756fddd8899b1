package org.aftersaleshub.connector.crm;

import java.util.List;

/**
 * The final answer for one keyed write.
 *
 * @param keyValue  the external-key value written
 * @param status    see {@link Status}
 * @param id        the CRM record id (CREATED, UPDATED, EXISTED), else null
 * @param matches   the ids holding the key when AMBIGUOUS, else empty
 * @param errorCode the CRM's code when FAILED because it refused (0 otherwise)
 * @param reason    why, when AMBIGUOUS or FAILED; else null
 * @param retryable FAILED without a final answer (only in a batch; a single write throws instead): writing the same
 *                  key again later can succeed
 */
public record UpsertResult(String keyValue, Status status, String id, List<String> matches, int errorCode,
                           String reason, boolean retryable) {

    public enum Status {
        /** No record held the key; one was created. */
        CREATED,
        /** One record held the key; it was updated. */
        UPDATED,
        /** One record held the key; a write-once create left it as it was. */
        EXISTED,
        /** More than one record holds the key: nothing was written (someone must merge them in the CRM). */
        AMBIGUOUS,
        /** The CRM refused the record, or (in a batch) gave no final answer. */
        FAILED
    }

    public UpsertResult {
        matches = List.copyOf(matches);
    }

    public static UpsertResult written(String keyValue, Status status, String id) {
        return new UpsertResult(keyValue, status, id, List.of(), 0, null, false);
    }

    public static UpsertResult ambiguous(String keyValue, String keyField, List<String> ids) {
        return new UpsertResult(keyValue, Status.AMBIGUOUS, null, ids, 0, ids.size() + " records have " + keyField
                + " = '" + keyValue + "' (" + String.join(", ", ids) + "); nothing written", false);
    }

    public static UpsertResult refused(String keyValue, int errorCode, String reason) {
        return new UpsertResult(keyValue, Status.FAILED, null, List.of(), errorCode, reason, false);
    }

    /** True for CREATED, UPDATED and EXISTED. */
    public boolean written() {
        return status == Status.CREATED || status == Status.UPDATED || status == Status.EXISTED;
    }

    /** One line for the journal. */
    public String summary() {
        return switch (status) {
            case CREATED -> "created " + id + " for " + keyValue;
            case UPDATED -> "updated " + id + " for " + keyValue;
            case EXISTED -> "already there: " + id + " for " + keyValue;
            case AMBIGUOUS, FAILED -> keyValue + ": " + status + " " + reason;
        };
    }
}
