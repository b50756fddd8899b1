package org.aftersaleshub.masterdata;

import java.util.List;
import java.util.function.Function;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget.WriteCounts;

/** What an upsert by natural key did; an identical record is left alone, its version unchanged. */
public enum WriteOutcome {
    CREATED, UPDATED, UNCHANGED;

    /** An import target's write: each row upserted in order, what they did counted. */
    public static WriteCounts count(List<ImportRow> rows, Function<ImportRow, WriteOutcome> upsert) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (ImportRow row : rows) {
            switch (upsert.apply(row)) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
        }
        return new WriteCounts(created, updated, unchanged);
    }
}
