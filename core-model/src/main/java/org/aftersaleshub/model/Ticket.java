package org.aftersaleshub.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A service ticket (报修工单), the hub's central record.
 *
 * @param id                 hub-assigned UUID; the per-ticket ordering key of every event
 * @param number             human number, {@code T<yyyyMMdd>-<6 digits>}, unique
 * @param channel            where the request came from
 * @param customerId         the customer's hub id (external ids live on {@link Customer}); 1..64 characters
 * @param device             the device concerned, if any
 * @param faultType          fault category used by dispatch rules (e.g. 制冷异常); 1..64 characters
 * @param description        free text from the customer or agent; up to 4000 characters
 * @param priority           drives the SLA deadlines
 * @param region             service region used by dispatch rules (e.g. 华东); 1..64 characters
 * @param status             see {@link TicketStatus} for the allowed transitions
 * @param assigneeId         the staff id of the engineer, once assigned
 * @param responseDueAt      SLA deadline for the first response, if an SLA applies
 * @param resolutionDueAt    SLA deadline for resolution, if an SLA applies
 * @param createdAt          when the hub accepted the ticket
 * @param updatedAt          last change
 * @param satisfactionScore  1..5 from the survey, once answered
 * @param attachments        references only, at most 20
 * @param version            per-ticket change counter, starting at 1; equals the sequence of the latest event
 * @param reporter           who reported the fault, when given (报修人); null when not
 */
public record Ticket(
        @NotBlank String id,
        @NotBlank String number,
        @NotNull Channel channel,
        @NotBlank @Size(max = 64) String customerId,
        @Valid DeviceRef device,
        @NotBlank @Size(max = 64) String faultType,
        @Size(max = 4000) String description,
        @NotNull Priority priority,
        @NotBlank @Size(max = 64) String region,
        @NotNull TicketStatus status,
        @Size(max = 64) String assigneeId,
        Instant responseDueAt,
        Instant resolutionDueAt,
        @NotNull Instant createdAt,
        @NotNull Instant updatedAt,
        @Min(1) @Max(5) Integer satisfactionScore,
        @Valid @Size(max = 20) List<AttachmentRef> attachments,
        @Min(1) long version,
        @Valid ReporterRef reporter) {

    public Ticket {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A ticket without a reporter contact. */
    public Ticket(String id, String number, Channel channel, String customerId, DeviceRef device, String faultType,
                  String description, Priority priority, String region, TicketStatus status, String assigneeId,
                  Instant responseDueAt, Instant resolutionDueAt, Instant createdAt, Instant updatedAt,
                  Integer satisfactionScore, List<AttachmentRef> attachments, long version) {
        this(id, number, channel, customerId, device, faultType, description, priority, region, status, assigneeId,
                responseDueAt, resolutionDueAt, createdAt, updatedAt, satisfactionScore, attachments, version, null);
    }
}
