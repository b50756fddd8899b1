package org.aftersaleshub.model.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.aftersaleshub.model.TicketStatus;

/**
 * A button on a DingTalk or WeCom card was clicked (接单 accept, 到场 arrive, 完成 complete) and the hub decided: the
 * ticket changed ({@link Outcome#APPLIED}, written in the same transaction as the status change) or stayed as it was
 * ({@link Outcome#REFUSED}, {@code message} says why). The route that updates the card reads it; the hub itself never
 * calls the card API from the callback. Written once per click, however often the platform re-sends it. Its envelope's
 * {@code sequence} is the ticket's version the decision was made on (for an applied click, the same as the status
 * event written with it): it reports on the ticket and does not change it, so a refused click leaves the ticket
 * exactly as it was.
 *
 * @param ticketId          the ticket the card belongs to (from the card's identity, never from the click's params)
 * @param ticketNumber      the ticket's human number, when the ticket exists
 * @param platform          connector type: {@code dingtalk} or {@code wecom}
 * @param connectorInstance the connector instance the callback came in for (the card is updated through it)
 * @param action            {@code accept}, {@code arrive} or {@code complete} (as clicked, also when unknown)
 * @param actorUserId       the platform's id of the member who clicked (DingTalk userId, WeCom userid)
 * @param actorStaffId      that member's staff record, when the directory knows them
 * @param actorName         that member's name in the directory
 * @param outcome           APPLIED or REFUSED
 * @param refusal           why it was refused, as a code: {@code unknown-ticket}, {@code unknown-user},
 *                          {@code not-assignee}, {@code wrong-status}, {@code already-done}, {@code unknown-action};
 *                          null when applied
 * @param message           what the card should say, in Chinese (e.g. 已由 张三 接单, 此工单已由 张三 接单,
 *                          您不是此工单的处理人)
 * @param status            the ticket's status after the decision (null when there is no such ticket)
 * @param assigneeId        the ticket's assignee after the decision
 * @param assigneeName      the assignee's name in the directory
 * @param outTrackId        DingTalk: the card's outTrackId (update it with PUT card/instances)
 * @param taskId            WeCom: the card's task_id
 * @param responseCode      WeCom: the click's single-use response_code for update_template_card
 * @param clickedAt         when the click happened (WeCom CreateTime) or reached the hub
 */
public record CardActionHandled(String ticketId, String ticketNumber, @NotBlank String platform,
                                @NotBlank String connectorInstance, @NotNull String action,
                                @NotBlank String actorUserId, String actorStaffId, String actorName,
                                @NotNull Outcome outcome, String refusal, @NotBlank String message,
                                TicketStatus status, String assigneeId, String assigneeName, String outTrackId,
                                String taskId, String responseCode, @NotNull Instant clickedAt) implements HubEvent {

    /** Whether the click changed the ticket. */
    public enum Outcome {
        APPLIED, REFUSED
    }
}
