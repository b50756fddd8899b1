package org.aftersaleshub.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a ticket:
 * {@code NEW → ASSIGNED → ACCEPTED → IN_PROGRESS ⇄ WAITING_PARTS → RESOLVED → CLOSED}, the reopen (重新打开)
 * {@code RESOLVED → IN_PROGRESS} when the fix did not hold (the customer calls again before the ticket is closed), and
 * {@code CANCELLED} from any open state (NEW, ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_PARTS).
 * RESOLVED, CLOSED and CANCELLED are not open: work is finished or abandoned; only RESOLVED moves on (to CLOSED, or
 * back to IN_PROGRESS).
 * Reassignment of an ASSIGNED ticket is an assignment, not a status change.
 */
public enum TicketStatus {
    NEW, ASSIGNED, ACCEPTED, IN_PROGRESS, WAITING_PARTS, RESOLVED, CLOSED, CANCELLED;

    /** The statuses this one may move to. */
    public Set<TicketStatus> allowedTargets() {
        return switch (this) {
            case NEW -> EnumSet.of(ASSIGNED, CANCELLED);
            case ASSIGNED -> EnumSet.of(ACCEPTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(WAITING_PARTS, RESOLVED, CANCELLED);
            case WAITING_PARTS -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case RESOLVED -> EnumSet.of(CLOSED, IN_PROGRESS);
            case CLOSED, CANCELLED -> Collections.unmodifiableSet(EnumSet.noneOf(TicketStatus.class));
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return allowedTargets().contains(target);
    }

    /** Open tickets still need work and may be cancelled. */
    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED && this != CANCELLED;
    }
}
