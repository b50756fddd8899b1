package org.aftersaleshub.model.event;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.aftersaleshub.model.ModelVersion;

/**
 * The wire form of every event.
 *
 * @param eventId      UUID assigned once when the change is accepted; the broker's duplicate-detection id and the
 *                     root of every idempotency key derived from the event. Never changes, also not on replay.
 * @param type         payload type name (e.g. {@code TicketCreated})
 * @param modelVersion {@link ModelVersion#CURRENT} when written
 * @param occurredAt   when the change was accepted
 * @param ticketId     ordering key: events of one ticket are processed in {@code sequence} order
 * @param sequence     per-ticket, strictly increasing from 1 (equals the ticket's version after the change)
 * @param data         the payload
 */
public record EventEnvelope(
        @NotBlank String eventId,
        @NotBlank String type,
        @NotBlank String modelVersion,
        @NotNull Instant occurredAt,
        String ticketId,
        @Min(0) long sequence,
        @NotNull @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY,
                property = "type") HubEvent data) {

    /** A new envelope with a fresh event id and the current model version. */
    public static EventEnvelope of(HubEvent data, long sequence, Instant occurredAt) {
        return new EventEnvelope(UUID.randomUUID().toString(), data.type(), ModelVersion.CURRENT, occurredAt,
                data.ticketId(), sequence, data);
    }
}
