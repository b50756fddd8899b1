package org.aftersaleshub.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.ReporterRef;
import org.aftersaleshub.model.Quantity;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.model.event.DispatchUnmatched;
import org.aftersaleshub.model.event.EventEnvelope;
import org.aftersaleshub.model.event.HubEvent;
import org.aftersaleshub.model.event.PartConsumed;
import org.aftersaleshub.model.event.PartDeductionFailed;
import org.aftersaleshub.model.event.PartReturned;
import org.aftersaleshub.model.event.TicketAccepted;
import org.aftersaleshub.model.event.TicketAssigned;
import org.aftersaleshub.model.event.TicketCancelled;
import org.aftersaleshub.model.event.TicketClosed;
import org.aftersaleshub.model.event.TicketCreated;
import org.aftersaleshub.model.event.TicketPriorityChanged;
import org.aftersaleshub.model.event.TicketResolved;
import org.aftersaleshub.model.event.TicketStatusChanged;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change of a ticket: locks the ticket row, checks the rule, writes the row(s), the status history and the
 * event (outbox) in one transaction, and increments the version, which becomes the event's per-ticket sequence.
 */
@Service
public class TicketService {

    private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** Outcome of recording a part usage: {@code created} is false when the same usage was recorded before. */
    public record PartUsageResult(PartUsageView usage, boolean created) {
    }

    private final TicketRepository tickets;
    private final OutboxWriter outbox;
    private final TicketProperties properties;
    private final ObjectProvider<PartAvailability> availability;
    private final ObjectProvider<PartUsageChecks> usageChecks;
    private final TicketKpiFacts kpiFacts;
    private final ObjectProvider<TicketDeadlines> deadlines;
    private final Clock clock;

    TicketService(TicketRepository tickets, OutboxWriter outbox, TicketProperties properties,
                  ObjectProvider<PartAvailability> availability, ObjectProvider<PartUsageChecks> usageChecks,
                  TicketKpiFacts kpiFacts, ObjectProvider<TicketDeadlines> deadlines, Clock clock) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.properties = properties;
        this.availability = availability;
        this.usageChecks = usageChecks;
        this.kpiFacts = kpiFacts;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Transactional
    public Ticket create(CreateTicketRequest r, String actor) {
        Instant now = now();
        String number = "T" + NUMBER_DATE.format(now.atZone(properties.numberZone())) + "-"
                + String.format("%06d", tickets.nextNumber());
        Ticket t = new Ticket(UUID.randomUUID().toString(), number, r.channel(), r.customerId(), r.device(),
                r.faultType(), r.description(), r.priority() == null ? Priority.NORMAL : r.priority(), r.region(),
                TicketStatus.NEW, null, r.responseDueAt(), r.resolutionDueAt(), now, now, null, r.attachments(), 1,
                reporter(r.reporter()));
        tickets.insert(t);
        Ticket withDeadlines = deadlines(null, t, now);
        if (withDeadlines != t) {
            t = withDeadlines;
            tickets.update(t, t.version());
        }
        EventEnvelope e = outbox.append(new TicketCreated(t), t.version(), now);
        tickets.insertHistory(t.id(), null, TicketStatus.NEW, null, actor, null, e.eventId(), now);
        kpiFacts.created(t);
        return t;
    }

    @Transactional(readOnly = true)
    public Ticket get(String id) {
        return tickets.find(id).orElseThrow(() -> TicketProblems.ticketNotFound(id));
    }

    @Transactional(readOnly = true)
    public TicketPage list(TicketFilter filter, int page, int size) {
        if (filter.createdFrom() != null && filter.createdTo() != null
                && !filter.createdTo().isAfter(filter.createdFrom())) {
            throw TicketProblems.invalidRange();
        }
        filter.quality().validate();
        return tickets.list(filter, page, size, now());
    }

    @Transactional
    public Ticket changeStatus(String id, TicketStatus to, String reason, String actor) {
        Ticket t = lock(id);
        TicketStatus from = t.status();
        if (to == TicketStatus.ASSIGNED && from.canMoveTo(to)) {
            throw TicketProblems.assignmentNeeded(from);
        }
        if (!from.canMoveTo(to)) {
            throw TicketProblems.illegalTransition(from, to);
        }
        if (from == TicketStatus.RESOLVED && to == TicketStatus.IN_PROGRESS && (reason == null || reason.isBlank())) {
            throw TicketProblems.reopenReasonNeeded();
        }
        HubEvent event = switch (to) {
            case ACCEPTED -> new TicketAccepted(id, t.assigneeId());
            case RESOLVED -> new TicketResolved(id, t.assigneeId(), reason);
            case CLOSED -> new TicketClosed(id, t.satisfactionScore());
            case CANCELLED -> new TicketCancelled(id, from, reason);
            default -> new TicketStatusChanged(id, from, to, reason);
        };
        Instant now = now();
        Ticket changed = deadlines(t, with(t, to, t.assigneeId(), now), now);
        tickets.update(changed, t.version());
        EventEnvelope e = outbox.append(event, changed.version(), now);
        tickets.insertHistory(id, from, to, t.assigneeId(), actor, reason, e.eventId(), now);
        kpiFacts.statusChanged(changed, from, to, now);
        return changed;
    }

    @Transactional
    public Ticket cancel(String id, String reason, String actor) {
        return changeStatus(id, TicketStatus.CANCELLED, reason, actor);
    }

    /**
     * Assigns (NEW → ASSIGNED) or reassigns (ASSIGNED stays ASSIGNED) an engineer. Assigning the current assignee
     * again changes nothing and writes no event.
     */
    @Transactional
    public Ticket assign(String id, String assigneeId, String actor) {
        return assign(id, assigneeId, actor, null);
    }

    /**
     * {@link #assign(String, String, String)} with the reason the timeline shows (e.g. {@code dispatch rule
     * 硬件维修}: the rule that chose the assignee).
     */
    @Transactional
    public Ticket assign(String id, String assigneeId, String actor, String reason) {
        Ticket t = lock(id);
        if (t.status() != TicketStatus.NEW && t.status() != TicketStatus.ASSIGNED) {
            throw TicketProblems.assignmentNotAllowed(t.status());
        }
        if (assigneeId.equals(t.assigneeId())) {
            return t;
        }
        Instant now = now();
        Ticket changed = deadlines(t, with(t, TicketStatus.ASSIGNED, assigneeId, now), now);
        tickets.update(changed, t.version());
        EventEnvelope e = outbox.append(new TicketAssigned(id, assigneeId, t.assigneeId(), actor),
                changed.version(), now);
        tickets.insertHistory(id, t.status(), TicketStatus.ASSIGNED, assigneeId, actor, reason, e.eventId(), now);
        kpiFacts.deadlinesChanged(changed);
        return changed;
    }

    /**
     * Dispatch found nobody for a NEW ticket: it stays NEW and unassigned, and {@link DispatchUnmatched} (the
     * supervisors' notice) takes the ticket's next version, so it keeps its place in the ticket's event order.
     */
    @Transactional
    public Ticket leaveUnassigned(String id, String queue, String reason) {
        Ticket t = lock(id);
        Instant now = now();
        Ticket changed = with(t, t.status(), t.assigneeId(), now);
        tickets.update(changed, t.version());
        outbox.append(new DispatchUnmatched(id, t.region(), t.faultType(), queue, reason), changed.version(), now);
        return changed;
    }

    /**
     * Changes the priority of an open ticket (by the API, or by 自动升级) and recomputes its deadlines; the same
     * priority again changes nothing and writes no event.
     */
    @Transactional
    public Ticket changePriority(String id, Priority to, String reason, String actor) {
        Ticket t = lock(id);
        if (!t.status().isOpen()) {
            throw TicketProblems.priorityNotChangeable(id, t.status());
        }
        if (t.priority() == to) {
            return t;
        }
        Instant now = now();
        Ticket changed = deadlines(t, new Ticket(t.id(), t.number(), t.channel(), t.customerId(), t.device(),
                t.faultType(), t.description(), to, t.region(), t.status(), t.assigneeId(), t.responseDueAt(),
                t.resolutionDueAt(), t.createdAt(), now, t.satisfactionScore(), t.attachments(), t.version() + 1), now);
        tickets.update(changed, t.version());
        outbox.append(new TicketPriorityChanged(id, t.priority(), to, actor, reason), changed.version(), now);
        kpiFacts.deadlinesChanged(changed);
        return changed;
    }

    /**
     * Locks the ticket row until the caller's transaction ends (the timer scan locks a ticket before it fires one
     * of its timers, in the same order as every change of the ticket).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Ticket lockForChange(String id) {
        return lock(id);
    }

    /**
     * Writes an event about the ticket that changes none of its fields (an SLA warning or breach): the version
     * moves on by one, as the event sequence does. The caller's transaction must hold the ticket's lock.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public EventEnvelope appendEvent(String id, HubEvent event) {
        Ticket t = lock(id);
        Instant now = now();
        Ticket changed = with(t, t.status(), t.assigneeId(), now);
        tickets.update(changed, t.version());
        return outbox.append(event, changed.version(), now);
    }

    /**
     * Records the customer's satisfaction score (1–5) on a RESOLVED or CLOSED ticket with its event; false (nothing
     * written) when the ticket is in another status.
     */
    @Transactional
    public boolean recordSatisfaction(String id, int score, HubEvent event) {
        Ticket t = lock(id);
        if (t.status() != TicketStatus.RESOLVED && t.status() != TicketStatus.CLOSED) {
            return false;
        }
        Instant now = now();
        Ticket changed = with(t, t.status(), t.assigneeId(), now);
        tickets.update(changed, t.version());
        tickets.updateSatisfaction(id, score);
        outbox.append(event, changed.version(), now);
        return true;
    }

    /**
     * Records a part usage once per id. The same id with the same content returns the recorded usage without a new
     * event (a client retry); with different content it is a conflict. A new usage's part and warehouse must be
     * known to the ERP that books the warehouse ({@link PartUsageChecks}: 400 / 404 / 502 / 503 before anything is
     * stored), and with {@code hub.erp.check-before-usage} its stock must cover the quantity (409).
     */
    @Transactional
    public PartUsageResult recordPartUsage(String ticketId, RecordPartUsageRequest r) {
        if (tickets.findUsage(r.id()).isEmpty()) {
            // asked before the ticket is locked (the ERP's answer may take a while), and only for an open ticket
            Ticket current = get(ticketId);
            if (!current.status().isOpen()) {
                throw TicketProblems.ticketNotOpen(ticketId, current.status());
            }
            PartUsageChecks checks = usageChecks.getIfAvailable();
            if (checks != null) {
                checks.check(r.partSku(), r.warehouse());
            }
            PartAvailability check = availability.getIfAvailable();
            if (check != null) {
                check.shortfall(r.partSku(), r.warehouse(), r.quantity().value()).ifPresent(available -> {
                    throw TicketProblems.insufficientStock(r.partSku(), r.warehouse(), r.quantity().value(),
                            available);
                });
            }
        }
        Ticket t = lock(ticketId);
        var existing = tickets.findUsage(r.id());
        if (existing.isPresent()) {
            List<FieldViolation> differences = differences(existing.get(), ticketId, r);
            if (!differences.isEmpty()) {
                throw TicketProblems.partUsageConflict(r.id(), differences);
            }
            return new PartUsageResult(existing.get(), false);
        }
        if (!t.status().isOpen()) {
            throw TicketProblems.ticketNotOpen(ticketId, t.status());
        }
        Instant now = now();
        PartUsageView usage = new PartUsageView(r.id(), ticketId, r.partSku(), r.quantity().toQuantity(),
                r.warehouse(), List.copyOf(r.serialNumbers()), PartUsageState.PENDING, null, null, now, null, null);
        tickets.insertUsage(usage);
        Ticket changed = with(t, t.status(), t.assigneeId(), now);
        tickets.update(changed, t.version());
        outbox.append(new PartConsumed(usage.toPartUsage()), changed.version(), now);
        return new PartUsageResult(usage, true);
    }

    @Transactional
    public PartUsageView returnPart(String ticketId, String usageId, String reason) {
        Ticket t = lock(ticketId);
        PartUsageView usage = tickets.findUsage(usageId).filter(u -> u.ticketId().equals(ticketId))
                .orElseThrow(() -> TicketProblems.partUsageNotFound(ticketId, usageId));
        if (usage.returnedAt() != null) {
            throw TicketProblems.alreadyReturned(usageId);
        }
        if (usage.state() == PartUsageState.FAILED) {
            // the ERP never took the part out: a compensating inbound document would invent stock
            throw TicketProblems.nothingToReturn(usageId, usage.failureReason());
        }
        Instant now = now();
        tickets.markReturned(usageId, reason, now);
        Ticket changed = with(t, t.status(), t.assigneeId(), now);
        tickets.update(changed, t.version());
        outbox.append(new PartReturned(ticketId, usageId, usage.toPartUsage(), reason), changed.version(), now);
        return new PartUsageView(usage.id(), usage.ticketId(), usage.partSku(), usage.quantity(), usage.warehouse(),
                usage.serialNumbers(), usage.state(), usage.erpDocumentNumber(), usage.failureReason(),
                usage.recordedAt(), now, reason);
    }

    @Transactional(readOnly = true)
    public List<PartUsageView> partUsages(String ticketId) {
        get(ticketId);
        return tickets.usages(ticketId);
    }

    @Transactional(readOnly = true)
    public PartUsageView partUsage(String ticketId, String usageId) {
        get(ticketId);
        return tickets.findUsage(usageId).filter(u -> u.ticketId().equals(ticketId))
                .orElseThrow(() -> TicketProblems.partUsageNotFound(ticketId, usageId));
    }

    @Transactional(readOnly = true)
    public List<StatusChange> history(String ticketId) {
        get(ticketId);
        return tickets.history(ticketId);
    }

    /**
     * The ERP booked the usage's outbound document: the usage is DEDUCTED with the ERP's document number. No event:
     * the delivery journal already shows the effect on the ticket's timeline.
     */
    @Transactional
    public void recordDeducted(String usageId, String documentNumber) {
        PartUsageView usage = tickets.findUsage(usageId).orElseThrow(() -> TicketProblems.partUsageNotFound("?", usageId));
        if (usage.state() != PartUsageState.REVERSED) {
            tickets.updateUsageState(usageId, PartUsageState.DEDUCTED, documentNumber, null, now());
        }
    }

    /**
     * The ERP refused the usage for good: FAILED with the ERP's message, and a {@link PartDeductionFailed} event
     * (in the same transaction) for the routes that alert people.
     */
    @Transactional
    public void recordDeductionFailed(String usageId, String reason) {
        PartUsageView usage = tickets.findUsage(usageId).orElseThrow(() -> TicketProblems.partUsageNotFound("?", usageId));
        if (usage.state() == PartUsageState.FAILED) {
            return; // a redelivered answer: the event was written the first time
        }
        Ticket t = lock(usage.ticketId());
        Instant now = now();
        tickets.updateUsageState(usageId, PartUsageState.FAILED, null, reason, now);
        Ticket changed = with(t, t.status(), t.assigneeId(), now);
        tickets.update(changed, t.version());
        outbox.append(new PartDeductionFailed(t.id(), usageId, usage.partSku(), usage.warehouse(), reason),
                changed.version(), now);
    }

    /** The state of a part usage now (empty when the hub holds no such usage). */
    @Transactional(readOnly = true)
    public Optional<PartUsageState> usageState(String usageId) {
        return tickets.findUsage(usageId).map(PartUsageView::state);
    }

    /** The ERP booked the compensating inbound document of a returned usage: the usage is REVERSED. */
    @Transactional
    public void recordReversed(String usageId) {
        tickets.findUsage(usageId).orElseThrow(() -> TicketProblems.partUsageNotFound("?", usageId));
        tickets.updateUsageState(usageId, PartUsageState.REVERSED, null, null, now());
    }

    /** Every {@link TicketDeadlines} in order (the SLA deadlines, the survey timer). */
    private Ticket deadlines(Ticket before, Ticket after, Instant now) {
        Ticket t = after;
        for (TicketDeadlines d : deadlines.orderedStream().toList()) {
            t = d.apply(before, t, now);
        }
        return t;
    }

    private Ticket lock(String id) {
        return tickets.lock(id).orElseThrow(() -> TicketProblems.ticketNotFound(id));
    }

    private static List<FieldViolation> differences(PartUsageView recorded, String ticketId, RecordPartUsageRequest r) {
        List<FieldViolation> d = new ArrayList<>();
        if (!recorded.ticketId().equals(ticketId)) {
            d.add(same("ticketId", recorded.ticketId(), ticketId));
        }
        if (!recorded.partSku().equals(r.partSku())) {
            d.add(same("partSku", recorded.partSku(), r.partSku()));
        }
        Quantity q = recorded.quantity();
        if (q.value().compareTo(r.quantity().value()) != 0) {
            d.add(same("quantity.value", q.value().toPlainString(), r.quantity().value().toPlainString()));
        }
        if (!q.unit().equals(r.quantity().unit())) {
            d.add(same("quantity.unit", q.unit(), r.quantity().unit()));
        }
        if (!recorded.warehouse().equals(r.warehouse())) {
            d.add(same("warehouse", recorded.warehouse(), r.warehouse()));
        }
        if (!Objects.equals(recorded.serialNumbers(), r.serialNumbers())) {
            d.add(same("serialNumbers", String.join(",", recorded.serialNumbers()),
                    String.join(",", r.serialNumbers())));
        }
        return d;
    }

    private static FieldViolation same(String field, String recorded, String sent) {
        return new FieldViolation(field, "same-as-recorded", "was recorded as '" + recorded + "', now '" + sent + "'");
    }

    /** The ticket after one change: the version moves on by one, as the event sequence does. */
    private static Ticket with(Ticket t, TicketStatus status, String assigneeId, Instant now) {
        return new Ticket(t.id(), t.number(), t.channel(), t.customerId(), t.device(), t.faultType(),
                t.description(), t.priority(), t.region(), status, assigneeId, t.responseDueAt(),
                t.resolutionDueAt(), t.createdAt(), now, t.satisfactionScore(), t.attachments(), t.version() + 1,
                t.reporter());
    }

    /** Blank parts dropped; no reporter at all when neither name nor phone is given. */
    private static ReporterRef reporter(ReporterRef r) {
        if (r == null) {
            return null;
        }
        String name = r.name() == null || r.name().isBlank() ? null : r.name().strip();
        String phone = r.phone() == null || r.phone().isBlank() ? null : r.phone().strip();
        return name == null && phone == null ? null : new ReporterRef(name, phone);
    }

    /** Microseconds: what both databases store, so an answer equals a later read. The hub's clock (timers read it). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
