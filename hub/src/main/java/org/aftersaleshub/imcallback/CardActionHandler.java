package org.aftersaleshub.imcallback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCardCallback;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackEvent;
import org.aftersaleshub.fieldpage.FieldPageProperties;
import org.aftersaleshub.imcallback.CardActionRules.Action;
import org.aftersaleshub.imcallback.CardActionRules.Decision;
import org.aftersaleshub.imcallback.CardLookups.Person;
import org.aftersaleshub.imcallback.CardLookups.TicketState;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.event.CardActionHandled;
import org.aftersaleshub.outbox.OutboxWriter;
import org.aftersaleshub.ticket.TicketProperties;
import org.aftersaleshub.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * Processes one stored card click inside the worker's transaction: finds the ticket from the card's identity
 * ({@link CardIdentity}), locks it, decides ({@link CardActionRules}), applies the status change through
 * {@link TicketService} (so history, event and version move as for the API, with the staff member as actor), and writes
 * {@link CardActionHandled} to the outbox in the same transaction, applied or refused.
 */
@Component
class CardActionHandler {

    /** The outcome for the stored row. */
    record Result(InboundCallbacks.Outcome outcome, String detail, String ticketId, boolean releaseIdentity) {
    }

    /**
     * One click, whatever the platform: the card's id, the ticket its button key names (WeCom), what was clicked, by
     * whom, when.
     */
    private record Click(String cardId, String keyTicketId, String action, String userId, String outTrackId,
                         String taskId, String responseCode, Instant clickedAt) {
    }

    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CARD_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final CardLookups lookups;
    private final TicketService tickets;
    private final OutboxWriter outbox;
    private final TicketProperties ticketProperties;
    private final ObjectMapper json;
    private final FieldPageProperties fieldPage;

    CardActionHandler(CardLookups lookups, TicketService tickets, OutboxWriter outbox,
                      TicketProperties ticketProperties, ObjectMapper json, FieldPageProperties fieldPage) {
        this.fieldPage = fieldPage;
        this.lookups = lookups;
        this.tickets = tickets;
        this.outbox = outbox;
        this.ticketProperties = ticketProperties;
        this.json = json;
    }

    Result handle(InboundCallbacks.Row row) {
        Click click = row.platform() == CallbackPlatform.DINGTALK ? dingTalk(row) : weCom(row);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String cardTicket = ticketOfCard(click.cardId());
        String ticketId = cardTicket != null ? cardTicket : click.keyTicketId();
        boolean consistent = cardTicket == null || click.keyTicketId() == null
                || cardTicket.equals(click.keyTicketId());
        Optional<TicketState> locked = consistent && ticketId != null ? lookups.lockTicket(ticketId)
                : Optional.empty();
        Optional<Person> clicker = lookups.member(row.platform(), click.userId());
        if (locked.isEmpty()) {
            String message = consistent ? "找不到此卡片对应的工单" : "卡片与按钮不属于同一工单";
            write(row, click, ticketId, null, clicker, Decision.refuse("unknown-ticket", message), null, 0, now);
            return new Result(InboundCallbacks.Outcome.REFUSED, "unknown-ticket: " + message, ticketId, false);
        }
        TicketState ticket = locked.get();
        String assigneeName = lookups.nameOf(ticket.assigneeId()).orElse(null);
        Action action = Action.of(click.action());
        Decision decision = action == null
                ? Decision.refuse("unknown-action", "不支持的操作：" + click.action())
                : CardActionRules.decide(action, ticket.status(), clicker.map(Person::id).orElse(null),
                ticket.assigneeId(), assigneeName);
        if (decision.applied() && action == Action.COMPLETE && fieldPage.requireResolutionNote()) {
            // the deployment wants a resolution note: 完成 happens on the field page (docs/field-page.md); a click on
            // a card that still calls back (sent before the setting changed) leaves the ticket as it is
            decision = Decision.refuse("note-required", "请打开工单页面填写处理说明后再完成");
        }
        if (!decision.applied()) {
            write(row, click, ticket.id(), ticket, clicker, decision, assigneeName, ticket.version(), now);
            return new Result(InboundCallbacks.Outcome.REFUSED, decision.refusal() + ": " + decision.message(),
                    ticket.id(), decision.early() && row.platform() == CallbackPlatform.DINGTALK);
        }
        Person actor = clicker.orElseThrow();
        String platformName = row.platform().chineseName();
        String message;
        String reason;
        switch (action) {
            case ACCEPT -> {
                message = "已由 " + actor.name() + " 接单";
                reason = platformName + "卡片接单（" + actor.name() + "）";
            }
            case ARRIVE -> {
                var at = click.clickedAt().atZone(ticketProperties.numberZone());
                message = actor.name() + " 已于 " + CARD_TIME.format(at) + " 到场";
                reason = "到场时间 " + REASON_TIME.format(at) + "（" + platformName + "卡片，" + actor.name() + "）";
            }
            default -> {
                message = actor.name() + " 已完成此工单";
                reason = platformName + "卡片点击完成（" + actor.name() + "）";
            }
        }
        Ticket changed = tickets.changeStatus(ticket.id(), decision.target(), reason, "staff:" + actor.id());
        TicketState after = new TicketState(ticket.id(), ticket.number(), changed.status(), changed.assigneeId(),
                changed.version());
        write(row, click, ticket.id(), after, clicker, new Decision(decision.target(), null, message, false),
                assigneeName, changed.version(), now);
        return new Result(InboundCallbacks.Outcome.APPLIED, action.key + ": " + ticket.status() + " → "
                + changed.status(), ticket.id(), false);
    }

    /** The ticket a card id names, directly or through the event that made the card ({@link CardIdentity}). */
    private String ticketOfCard(String cardId) {
        Optional<String> direct = CardIdentity.ticketOf(cardId);
        if (direct.isPresent()) {
            return direct.get();
        }
        return CardIdentity.eventOf(cardId).flatMap(lookups::ticketOfEvent).orElse(null);
    }

    private void write(InboundCallbacks.Row row, Click click, String ticketId, TicketState ticket,
                       Optional<Person> clicker, Decision decision, String assigneeName, long sequence, Instant now) {
        CardActionHandled event = new CardActionHandled(ticketId,
                ticket == null ? null : ticket.number(), row.platform().type(), row.instance(), click.action(),
                click.userId(), clicker.map(Person::id).orElse(null), clicker.map(Person::name).orElse(null),
                decision.applied() ? CardActionHandled.Outcome.APPLIED : CardActionHandled.Outcome.REFUSED,
                decision.refusal(), decision.message(), ticket == null ? null : ticket.status(),
                ticket == null ? null : ticket.assigneeId(), assigneeName, click.outTrackId(), click.taskId(),
                click.responseCode(), click.clickedAt());
        outbox.append(event, sequence, now);
    }

    private Click dingTalk(InboundCallbacks.Row row) {
        DingTalkCardCallback c;
        try {
            c = DingTalkCardCallback.parse(json.readTree(row.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored DingTalk click " + row.id() + " is not JSON", e);
        }
        return new Click(c.outTrackId(), null, c.action(), c.userId(), c.outTrackId(), null, null, row.receivedAt());
    }

    private Click weCom(InboundCallbacks.Row row) {
        WeComCallbackEvent e = WeComCallbackEvent.parse(row.payload());
        CardIdentity.ButtonKey key = CardIdentity.buttonKey(e.eventKey());
        Instant clickedAt = row.receivedAt();
        if (e.createTime() != null && e.createTime().matches("\\d{1,12}")) {
            clickedAt = Instant.ofEpochSecond(Long.parseLong(e.createTime()));
        }
        return new Click(e.taskId(), key.ticketId(), key.action(), e.fromUserName(), null, e.taskId(),
                e.responseCode(), clickedAt);
    }
}
