package org.aftersaleshub.deadletter;

import java.time.Instant;

/**
 * A message whose external effect failed after the last attempt.
 *
 * @param payload        the original event JSON, exactly as the route received it
 * @param sourceQueue    the route's queue; a replay goes back there
 * @param target         the target within the route (e.g. the webhook endpoint name); a replay reaches only it
 * @param idempotencyKey the effect's key; a replay uses the same one
 * @param status         OPEN until replayed, then REPLAYED
 */
public record DeadLetter(long id, String eventId, String ticketId, String eventType, String routeId,
                         String sourceQueue, String target, String idempotencyKey, String payload, String error,
                         int attempts, String status, Instant createdAt, int replayCount, Instant lastReplayedAt,
                         String lastReplayedBy) {

    public static final String OPEN = "OPEN";
    public static final String REPLAYED = "REPLAYED";
}
