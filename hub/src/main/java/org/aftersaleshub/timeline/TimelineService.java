package org.aftersaleshub.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.delivery.DeliveryJournal;
import org.aftersaleshub.ticket.StatusChange;
import org.aftersaleshub.ticket.TicketHistory;
import org.springframework.stereotype.Service;

/** Merges status history and the delivery journal of one ticket into time order. */
@Service
public class TimelineService {

    private final TicketHistory history;
    private final DeliveryJournal journal;

    public TimelineService(TicketHistory history, DeliveryJournal journal) {
        this.history = history;
        this.journal = journal;
    }

    /** Empty when there is no such ticket (every ticket has at least its creation in the history). */
    public Optional<List<TimelineEntry>> timeline(String ticketId) {
        List<StatusChange> changes = history.history(ticketId);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (StatusChange c : changes) {
            String from = c.fromStatus() == null ? null : c.fromStatus().name();
            String to = c.toStatus().name();
            String summary = (from == null ? "created as " + to : from.equals(to) ? "reassigned"
                    : c.fromStatus() == TicketStatus.RESOLVED && c.toStatus() == TicketStatus.IN_PROGRESS
                    ? "reopened (重新打开): " + from + " → " + to : from + " → " + to)
                    + (c.assigneeId() == null ? "" : " (assignee " + c.assigneeId() + ")");
            entries.add(new TimelineEntry(c.changedAt(), "STATUS", summary, c.eventId(), from, to, c.actor(), null,
                    null, null, null, null, null, null, c.reason()));
        }
        for (DeliveryJournal.Attempt a : journal.forTicket(ticketId)) {
            entries.add(new TimelineEntry(a.occurredAt(), "DELIVERY", a.eventType() + " → " + a.target() + ": "
                    + a.outcome() + " (attempt " + a.attempt() + ")", a.eventId(), null, null, null, a.routeId(),
                    a.target(), a.idempotencyKey(), a.attempt(), a.outcome().name(), a.httpStatus(), a.latencyMs(),
                    a.detail()));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return Optional.of(entries);
    }
}
