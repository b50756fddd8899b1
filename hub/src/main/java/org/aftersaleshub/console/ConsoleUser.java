package org.aftersaleshub.console;

import java.time.Instant;
import java.util.List;

/**
 * A person who signs in to the console.
 *
 * @param regions supervisor scope: service regions whose tickets they see (ticket.region)
 * @param teams   supervisor scope: staff teams whose assigned tickets they see (staff.team of the assignee)
 */
public record ConsoleUser(String username, String passwordHash, ConsoleRole role, List<String> regions,
                          List<String> teams, int failedAttempts, Instant lockedUntil) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
