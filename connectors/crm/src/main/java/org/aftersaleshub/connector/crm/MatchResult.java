package org.aftersaleshub.connector.crm;

import java.util.List;

/**
 * What {@link CrmConnector#match} found.
 *
 * @param matchedBy the criterion that found the records, or null when none did
 * @param records   the records it found (empty when none; more than one means the match is not unique)
 */
public record MatchResult(Criterion matchedBy, List<CrmRecord> records) {

    public MatchResult {
        records = List.copyOf(records);
    }

    /** True when exactly one record matched. */
    public boolean unique() {
        return records.size() == 1;
    }
}
