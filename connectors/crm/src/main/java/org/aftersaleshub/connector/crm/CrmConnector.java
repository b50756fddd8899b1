package org.aftersaleshub.connector.crm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capability {@link org.aftersaleshub.connector.Capability#CUSTOMER_SYNC}: read and write records of a CRM's objects
 * (customers, contacts, a service-history object), the way the hub's flows need it. Objects and fields are the CRM's
 * own API names ({@code AccountObj}, {@code account_no}); the caller's configuration supplies them, so this interface
 * carries no vendor's types.
 *
 * <p><b>Idempotency.</b> Writes are keyed by an external-key field the hub owns (its customer id, its ticket id):
 * {@link #upsertByExternalKey} and {@link #createIfAbsent} look the key up before writing, so any number of calls with
 * the same key — repeated deliveries, a redelivery after a lost answer — leave one record. Two records holding the
 * same key are never guessed between: the answer is {@link UpsertResult.Status#AMBIGUOUS} and nothing is written.
 *
 * <p><b>Results and exceptions.</b> A CRM's refusal of one record (a missing required field, an unknown field) is a
 * result ({@link UpsertResult.Status#FAILED} with the CRM's code and message); a call without a final answer is a
 * {@link org.aftersaleshub.connector.ConnectorException} whose outcome says whether a redelivery can help. In a batch
 * ({@link #upsertAll}) even that is per record: partial failure is data, never an exception.
 *
 * <p><b>Ownership.</b> Writes never send the record's owner (the CRM assigns and changes it through its own API), and
 * do not start the CRM's workflows unless the instance is configured to.
 *
 * <p>Thread-safe after start.
 */
public interface CrmConnector {

    /**
     * Creates or updates the one record of {@code object} whose {@code keyField} equals {@code keyValue}.
     *
     * @param fields the fields to write (the key field is added on create); an {@code owner} entry is never sent on
     *               update
     * @return CREATED or UPDATED with the record id; AMBIGUOUS with the matching ids when more than one record holds
     *         the key (nothing written); FAILED when the CRM refused the record
     */
    UpsertResult upsertByExternalKey(String object, String keyField, String keyValue, Map<String, Object> fields);

    /**
     * Creates the record keyed {@code keyField = keyValue} unless it exists: for write-once records such as a
     * service-history entry per ticket. An existing record is left as it is.
     *
     * @return CREATED, EXISTED (nothing written), AMBIGUOUS (nothing written) or FAILED
     */
    UpsertResult createIfAbsent(String object, String keyField, String keyValue, Map<String, Object> fields);

    /**
     * Upserts each record by its key, one after the other; every record gets its result, in order — a refused or
     * unanswered record is {@link UpsertResult.Status#FAILED} (with {@link UpsertResult#retryable()}) and the batch
     * goes on.
     */
    List<UpsertResult> upsertAll(String object, String keyField, List<RecordWrite> records);

    /** The record {@code id} of {@code object}, or empty when the CRM has none. */
    Optional<CrmRecord> get(String object, String id);

    /**
     * Records of {@code object} whose {@code field} equals {@code value} (valid records only), at most {@code max},
     * paged through however deep the CRM's paging allows.
     */
    List<CrmRecord> findBy(String object, String field, String value, int max);

    /**
     * Matches one record by the criteria in order (external id, then phone, then name, say): the first criterion
     * that finds anything decides. Criteria with a blank value are skipped.
     */
    default MatchResult match(String object, List<Criterion> criteria, int max) {
        for (Criterion c : criteria) {
            if (c.value() == null || c.value().isBlank()) {
                continue;
            }
            List<CrmRecord> found = findBy(object, c.field(), c.value(), max);
            if (!found.isEmpty()) {
                return new MatchResult(c, found);
            }
        }
        return new MatchResult(null, List.of());
    }

    /**
     * Records of {@code object} changed after {@code cursor}, oldest first, at most {@code max}: the page of a polling
     * reconciliation. The next cursor follows the last record returned, so polling with it never skips a change and
     * never returns a record again unless it changed again.
     */
    ChangePage changedSince(String object, ChangeCursor cursor, int max);
}
