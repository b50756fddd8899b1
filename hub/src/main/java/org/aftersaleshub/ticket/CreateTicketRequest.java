package org.aftersaleshub.ticket;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.aftersaleshub.model.AttachmentRef;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.ReporterRef;
import org.aftersaleshub.model.Priority;

/**
 * Body of {@code POST /api/v1/tickets}. Unknown properties are refused.
 *
 * @param channel         required; where the request came from
 * @param customerId      required, 1..64 characters; the customer's hub id
 * @param device          optional device (serial and model, up to 64 characters each)
 * @param faultType       required, 1..64 characters; fault category for dispatch rules (e.g. 制冷异常)
 * @param description     optional, up to 4000 characters
 * @param priority        optional, default NORMAL
 * @param region          required, 1..64 characters; service region for dispatch (e.g. 华东)
 * @param responseDueAt   optional SLA deadline for the first response
 * @param resolutionDueAt optional SLA deadline for resolution
 * @param attachments     optional references to files stored elsewhere, at most 20
 * @param reporter        optional: who reported the fault (报修人), name up to 64 characters and a phone
 */
@Schema(description = "A new service ticket (报修工单).")
public record CreateTicketRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "WEB") @NotNull Channel channel,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "C-10086", maxLength = 64)
        @NotBlank @Size(max = 64) String customerId,
        @Valid DeviceRef device,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "制冷异常", maxLength = 64)
        @NotBlank @Size(max = 64) String faultType,
        @Schema(example = "压缩机不启动, 有异响", maxLength = 4000) @Size(max = 4000) String description,
        @Schema(example = "HIGH", defaultValue = "NORMAL") Priority priority,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "华东", maxLength = 64)
        @NotBlank @Size(max = 64) String region,
        @Schema(example = "2024-05-01T12:00:00Z") Instant responseDueAt,
        @Schema(example = "2024-05-03T12:00:00Z") Instant resolutionDueAt,
        @Valid @Size(max = 20) List<@NotNull @Valid AttachmentRef> attachments,
        @Valid ReporterRef reporter) {

    /** Without a reporter contact. */
    public CreateTicketRequest(Channel channel, String customerId, DeviceRef device, String faultType,
                               String description, Priority priority, String region, Instant responseDueAt,
                               Instant resolutionDueAt, List<AttachmentRef> attachments) {
        this(channel, customerId, device, faultType, description, priority, region, responseDueAt, resolutionDueAt,
                attachments, null);
    }
}
