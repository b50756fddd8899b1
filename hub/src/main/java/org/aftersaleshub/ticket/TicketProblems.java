package org.aftersaleshub.ticket;

import java.util.List;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.http.HttpStatus;

/** The problems the ticket API answers on purpose. */
public final class TicketProblems {

    private TicketProblems() {
    }

    public static ApiProblem ticketNotFound(String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "ticket-not-found", "Ticket not found (工单不存在)",
                "There is no ticket with id " + id + ".").with("ticketId", id)
                .with("errors", List.of(new FieldViolation("id", "exists", "is not the id of a ticket")));
    }

    static ApiProblem insufficientStock(String sku, String warehouse, java.math.BigDecimal wanted,
                                        java.math.BigDecimal available) {
        return new ApiProblem(HttpStatus.CONFLICT, "insufficient-stock", "Not enough stock (库存不足)",
                "Warehouse " + warehouse + " has " + available.toPlainString() + " of " + sku + " available; "
                        + wanted.toPlainString() + " requested.")
                .with("available", available).with("partSku", sku).with("warehouse", warehouse)
                .with("errors", List.of(new FieldViolation("quantity.value", "max-available:" + available.toPlainString(),
                        "exceeds the stock available in the warehouse")));
    }

    static ApiProblem partUsageNotFound(String ticketId, String usageId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "part-usage-not-found", "Part usage not found (备件领用记录不存在)",
                "Ticket " + ticketId + " has no part usage with id " + usageId + ".")
                .with("errors", List.of(new FieldViolation("usageId", "exists", "is not a part usage of this ticket")))
                .with("ticketId", ticketId).with("partUsageId", usageId);
    }

    static ApiProblem illegalTransition(TicketStatus from, TicketStatus to) {
        List<String> allowed = from.allowedTargets().stream().map(Enum::name).toList();
        return new ApiProblem(HttpStatus.CONFLICT, "illegal-transition", "Illegal status transition (非法状态流转)",
                "A ticket in status " + from + " cannot move to " + to + "; allowed targets: "
                        + (allowed.isEmpty() ? "none (" + from + " is final)" : String.join(", ", allowed)) + ".")
                .with("from", from).with("to", to).with("allowedTargets", allowed)
                .with("errors", List.of(new FieldViolation("status", "allowed-targets:" + allowed,
                        "cannot move from " + from + " to " + to)));
    }

    /** A reopen (重新打开, RESOLVED → IN_PROGRESS) says why: the customer's complaint is what the next visit fixes. */
    static ApiProblem reopenReasonNeeded() {
        return ApiProblem.validation(List.of(new FieldViolation("reason", "required-for:RESOLVED->IN_PROGRESS",
                "must say why a resolved ticket is reopened (重新打开原因)")));
    }

    static ApiProblem assignmentNeeded(TicketStatus from) {
        return new ApiProblem(HttpStatus.CONFLICT, "assignment-required", "Assignment required (需要派工)",
                "A ticket becomes ASSIGNED by assigning an engineer: POST /api/v1/tickets/{id}/assignment "
                        + "with {\"assigneeId\": ...}.").with("from", from).with("to", TicketStatus.ASSIGNED);
    }

    static ApiProblem assignmentNotAllowed(TicketStatus status) {
        return new ApiProblem(HttpStatus.CONFLICT, "assignment-not-allowed", "Assignment not allowed (不可派工)",
                "A ticket in status " + status + " cannot be (re)assigned; assignment is possible while it is NEW "
                        + "or ASSIGNED.").with("ticketStatus", status);
    }

    static ApiProblem priorityNotChangeable(String id, TicketStatus status) {
        return new ApiProblem(HttpStatus.CONFLICT, "ticket-not-open", "Ticket is not open (工单已结束)",
                "Ticket " + id + " is " + status + "; the priority can be changed only while a ticket is open.")
                .with("ticketId", id).with("ticketStatus", status)
                .with("errors", List.of(new FieldViolation("priority", "ticket-open", "the ticket is " + status)));
    }

    static ApiProblem ticketNotOpen(String id, TicketStatus status) {
        return new ApiProblem(HttpStatus.CONFLICT, "ticket-not-open", "Ticket is not open (工单已结束)",
                "Ticket " + id + " is " + status + "; parts can be recorded only while a ticket is open.")
                .with("ticketId", id).with("ticketStatus", status);
    }

    static ApiProblem partUsageConflict(String usageId, List<FieldViolation> differences) {
        return new ApiProblem(HttpStatus.CONFLICT, "part-usage-conflict", "Part usage id already used (备件领用编号冲突)",
                "Part usage " + usageId + " was already recorded with different content; an id identifies one "
                        + "ERP deduction. Send the same content to retry, or use a new id for a new usage.")
                .with("partUsageId", usageId).with("errors", differences);
    }

    static ApiProblem alreadyReturned(String usageId) {
        return new ApiProblem(HttpStatus.CONFLICT, "part-already-returned", "Part already returned (备件已退回)",
                "Part usage " + usageId + " was already returned.").with("partUsageId", usageId);
    }

    static ApiProblem nothingToReturn(String usageId, String failureReason) {
        return new ApiProblem(HttpStatus.CONFLICT, "part-not-deducted", "Nothing to return (扣减失败，无需退料)",
                "Part usage " + usageId + " was never deducted in the ERP (its deduction failed: " + failureReason
                        + "), so there is no stock to give back. Record a new usage if the part was used after all.")
                .with("partUsageId", usageId);
    }

    static ApiProblem invalidRange() {
        return ApiProblem.validation(List.of(new FieldViolation("to", "after:from", "must be later than from")));
    }
}
