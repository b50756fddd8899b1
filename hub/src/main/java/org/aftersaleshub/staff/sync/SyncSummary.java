package org.aftersaleshub.staff.sync;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * What one contacts sync did.
 *
 * @param instance    the connector instance read
 * @param platform    DINGTALK or WECOM
 * @param members     members listed in the synced departments (employed)
 * @param added       records created
 * @param updated     records changed (including linked and reactivated ones)
 * @param deactivated records deactivated because their platform id is no longer listed
 * @param unchanged   listed members whose record already matched
 * @param problems    what was left out and why (staff and platform ids only); empty when everything was applied
 */
@Schema(description = "The result of one contacts sync (通讯录同步).")
public record SyncSummary(String instance, ImPlatform platform, Instant startedAt, Instant finishedAt, int members,
                          int added, int updated, int deactivated, int unchanged, List<String> problems) {

    public SyncSummary {
        problems = List.copyOf(problems);
    }

    /** One line for the audit log and the hub log. */
    public String line() {
        return "members=" + members + " added=" + added + " updated=" + updated + " deactivated=" + deactivated
                + " unchanged=" + unchanged + " problems=" + problems.size();
    }
}
