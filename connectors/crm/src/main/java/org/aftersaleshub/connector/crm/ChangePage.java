package org.aftersaleshub.connector.crm;

import java.util.List;

/**
 * One page of {@link CrmConnector#changedSince}.
 *
 * @param records the changed records, oldest first
 * @param next    the cursor to persist once they are processed (the given one when the page is empty)
 * @param more    true when the page was full: ask again with {@code next} at once
 */
public record ChangePage(List<CrmRecord> records, ChangeCursor next, boolean more) {

    public ChangePage {
        records = List.copyOf(records);
    }
}
