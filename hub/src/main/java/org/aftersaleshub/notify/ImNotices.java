package org.aftersaleshub.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.dingtalk.WorkNotice;
import org.aftersaleshub.connector.wecom.AppMessage;
import java.time.Duration;
import org.aftersaleshub.connector.ratelimit.BudgetExhaustedException;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.fieldpage.FieldPageLinks;
import org.aftersaleshub.fieldpage.FieldPageProperties;
import org.aftersaleshub.notify.waiting.WaitingNotice;
import org.aftersaleshub.notify.waiting.WaitingStore;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.ticket.TicketService;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What an addressee ({@link ImRecipients}) gets — the steps of the {@code routes/im-*.yaml} routes after the split:
 * the message from its template and the headers the route's choice reads ({@link #prepare}), or the timeline row for
 * someone nobody can reach ({@link #unreachable}). The calls to DingTalk and WeCom are endpoints in the YAML.
 */
@Component("imNotices")
public class ImNotices {

    private static final Logger log = LoggerFactory.getLogger(ImNotices.class);

    /** Header: DINGTALK, WECOM, or NONE for an addressee nobody can reach. */
    public static final String CHANNEL = "hubImChannel";
    /** Header: NOTICE (work notice, app message), CARD, CARD_UPDATE or ROBOT. */
    public static final String FORM = "hubImForm";
    /** Header: the connector instance that sends. */
    public static final String INSTANCE = "hubImInstance";
    /** Header: the group robot's name, for ROBOT. */
    public static final String ROBOT = "hubImRobot";
    /** Exchange property: the {@link Recipient} the prepared message is for (a parked notice's target). */
    public static final String RECIPIENT = "hubImRecipient";
    /** Exchange property: the kind {@link #prepare} was called with (to prepare it again for another channel). */
    public static final String KIND = "hubImKind";
    /** Exchange property: the card a WeCom card update carries, kept for {@link #newCardInstead}. */
    static final String UPDATED_CARD = "hubImUpdatedCard";

    /** The cards a handled click leaves; they name who clicked. */
    private static final Set<NoticeKind> AFTER_A_CLICK = EnumSet.of(NoticeKind.TICKET_ACCEPTED,
            NoticeKind.TICKET_IN_PROGRESS, NoticeKind.TICKET_RESOLVED, NoticeKind.CARD_REFUSED);

    private final ObjectMapper json;
    private final TicketService tickets;
    private final StaffRepository staff;
    private final NotifyProperties props;
    private final NoticeTemplates templates;
    private final DeliveryAttempts attempts;
    private final NoticeFacts facts;
    private final String publicBaseUrl;
    private final FieldPageLinks links;
    private final FieldPageProperties fieldPage;
    private final WaitingStore waiting;

    public ImNotices(ObjectMapper json, TicketService tickets, StaffRepository staff, NotifyProperties props,
                     NoticeTemplates templates, DeliveryAttempts attempts,
                     @Value("${hub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl,
                     FieldPageLinks links, FieldPageProperties fieldPage, WaitingStore waiting) {
        this.links = links;
        this.fieldPage = fieldPage;
        this.waiting = waiting;
        this.json = json;
        this.tickets = tickets;
        this.staff = staff;
        this.props = props;
        this.templates = templates;
        this.attempts = attempts;
        this.facts = new NoticeFacts(props.timeZone(), props.ticketLink());
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    // ------------------------------------------------------------------ what

    /**
     * Sets the headers {@code hubImChannel}, {@code hubImForm}, {@code hubImInstance}, {@code hubImRobot} for the
     * addressee in the body and, when reachable, replaces the body with the message rendered from the template of
     * {@code kind} ({@code card-update}: the template the clicked card now needs).
     */
    public void prepare(Exchange ex, String kind) throws Exception {
        Message m = ex.getMessage();
        Recipient r = m.getBody(Recipient.class);
        ex.setProperty(RECIPIENT, r);
        ex.setProperty(KIND, kind);
        m.setHeader(CHANNEL, r.channel().name());
        m.setHeader(INSTANCE, r.instance());
        m.setHeader(ROBOT, r.robot());
        if (!r.reachable()) {
            m.setHeader(FORM, "NONE");
            return;
        }
        NotifyEvent e = NotifyEvent.of(ex, json);
        boolean cardUpdate = "card-update".equals(kind);
        NoticeKind k = cardUpdate ? cardKind(e) : NoticeKind.of(kind);
        String form = r.robot() != null ? "ROBOT" : cardUpdate ? "CARD_UPDATE"
                : k == NoticeKind.TICKET_ASSIGNED && props.cards() ? "CARD" : "NOTICE";
        m.setHeader(FORM, form);
        String channel = r.channel() == PreferredChannel.DINGTALK ? "dingtalk" : "wecom";
        boolean card = form.startsWith("CARD");
        String text = templates.render(k, card ? channel + "-card" : channel, values(k, e, r));
        m.setBody(switch (form) {
            case "NOTICE" -> r.channel() == PreferredChannel.DINGTALK
                    ? new WorkNotice(r.key(), r.userIds(), WorkNotice.Type.MARKDOWN, title(text), text)
                    : new AppMessage(r.key(), r.userIds(), List.of(), List.of(), AppMessage.Type.MARKDOWN, text);
            case "ROBOT" -> json.writeValueAsString(json.createObjectNode().put("key", r.key())
                    .put("robot", r.robot()).put("msgtype", "markdown").put("title", title(text)).put("content", text));
            default -> {
                ObjectNode body = card(e, r, form, (ObjectNode) json.readTree(text));
                if (form.equals("CARD_UPDATE")) {
                    ex.setProperty(UPDATED_CARD, body.deepCopy());
                }
                yield json.writeValueAsString(body);
            }
        });
        joinWaiting(ex, r, form);
    }

    /**
     * A routine notice (not a card) to a target whose routine notices wait for its send budget joins them rather
     * than taking the next permit: they go in order, merged into one digest (docs/notifications.md). The signal is
     * the budget's, so the shared route configuration parks it like a refused call; nothing is sent.
     */
    private void joinWaiting(Exchange ex, Recipient r, String form) {
        boolean mergeable = form.equals("NOTICE") || form.equals("ROBOT");
        String eventType = ex.getProperty(org.aftersaleshub.messaging.MessageHeaders.EVENT_TYPE, String.class);
        if (!mergeable || WaitingNotice.Priority.of(eventType) != WaitingNotice.Priority.ROUTINE) {
            return;
        }
        String target = WaitingNotice.targetOf(r.channel().name(), r.instance(), r.robot(), r.userIds());
        if (waiting.routineWaiting(target)) {
            throw new BudgetExhaustedException("hub", target, Duration.ZERO, false, "routine notices to " + target
                    + " wait for its send budget; this one joins them");
        }
    }

    /**
     * The body of a card operation, in the card connectors' own shapes (docs/routes.md, connector endpoints):
     * DingTalk {@code card-deliver} {@code {key, ticketId, outTrackId, userId, cardData}} and {@code card-update}
     * {@code {key, ticketId, outTrackId, cardData}}; WeCom {@code app-message} {@code {key, ticketId, users,
     * msgtype: template_card, card}} and {@code card-update} {@code {key, ticketId, users, responseCode, card}}. A
     * WeCom card template is written in WeCom's own {@code template_card} form (docs/vendor-apis/wecom.md §10); its
     * title, description, fields, link and buttons become the connector's card.
     */
    private ObjectNode card(NotifyEvent e, Recipient r, String form, ObjectNode rendered) {
        ObjectNode body = json.createObjectNode().put("key", r.key());
        String ticketId = e.ticketId() != null ? e.ticketId() : e.data().path("ticketId").asText(null);
        body.put("ticketId", ticketId);
        boolean update = form.equals("CARD_UPDATE");
        if (r.channel() == PreferredChannel.DINGTALK) {
            // a card's identity: the same event always makes the same card, so a re-sent card is no second card
            body.put("outTrackId", update ? e.data().path("outTrackId").asText() : "tk-" + e.id());
            if (!update) {
                body.put("userId", r.userIds().get(0));
            }
            body.set("cardData", rendered);
            return body;
        }
        ObjectNode card = weComCard(rendered);
        card.put("taskId", rendered.has("task_id") ? rendered.path("task_id").asText()
                : update ? e.data().path("taskId").asText() : "tk-" + e.id());
        body.set("users", json.valueToTree(r.userIds()));
        if (update) {
            body.put("responseCode", e.data().path("responseCode").asText(null));
        } else {
            body.put("msgtype", "template_card");
        }
        body.set("card", card);
        return body;
    }

    /**
     * After a WeCom card update the connector could not apply (no single-use response code at hand, or WeCom refused
     * the code): the same card sent anew as an {@code app-message}, so the engineer still sees the ticket's state and
     * its next buttons (docs/notifications.md, "Cards"). Its key {@code <card key>:new-card} is stable, so a redelivery
     * sends no second card; its {@code task_id} {@code tkt-<ticketId>-<event id>} is new (WeCom refuses a task_id used
     * before) and still names the ticket, so a click on it is taken like one on the first card.
     */
    public void newCardInstead(Exchange ex) throws Exception {
        ObjectNode update = ex.getProperty(UPDATED_CARD, ObjectNode.class);
        if (update == null) {
            throw new IllegalStateException("newCardInstead follows a prepared WeCom card-update; none on " + ex);
        }
        NotifyEvent e = NotifyEvent.of(ex, json);
        String ticketId = update.path("ticketId").asText();
        ObjectNode card = ((ObjectNode) update.path("card")).deepCopy();
        card.put("taskId", "tkt-" + ticketId + "-" + e.id());
        ObjectNode body = json.createObjectNode().put("key", update.path("key").asText() + ":new-card")
                .put("ticketId", ticketId).put("msgtype", "template_card");
        body.set("users", update.path("users").deepCopy());
        body.set("card", card);
        ex.getMessage().setBody(json.writeValueAsString(body));
        // a card now, not an update: a send budget that parks it must park it for app-message
        ex.getMessage().setHeader(FORM, "CARD");
        log.info("Card update {} could not be applied ({}); sending the card anew", update.path("key").asText(),
                ex.getMessage().getHeader(org.aftersaleshub.connector.camel.ConnectorHeaders.REASON));
    }

    /** A card in WeCom's {@code template_card} form as the WeCom connector's card. */
    private ObjectNode weComCard(ObjectNode t) {
        ObjectNode card = json.createObjectNode();
        card.put("title", t.path("main_title").path("title").asText(null));
        String desc = t.path("main_title").path("desc").asText("");
        String sub = t.path("sub_title_text").asText("");
        card.put("description", desc.isEmpty() ? sub : sub.isEmpty() ? desc : desc + "\n" + sub);
        var fields = card.putArray("fields");
        t.path("horizontal_content_list").forEach(f -> fields.addObject().put("key", f.path("keyname").asText())
                .put("value", f.path("value").asText()));
        if (t.path("card_action").hasNonNull("url")) {
            card.put("url", t.path("card_action").path("url").asText());
        }
        var buttons = card.putArray("buttons");
        t.path("button_list").forEach(b -> {
            ObjectNode button = buttons.addObject().put("text", b.path("text").asText())
                    .put("key", b.path("key").asText()).put("style", b.path("style").asInt(1));
            if (b.path("type").asInt(0) == 1 && b.hasNonNull("url")) {
                button.put("url", b.path("url").asText()); // opens the address (the field page) instead of calling back
            }
        });
        return card;
    }

    /** Which card a handled click leaves: refused, or the ticket's new state. */
    private static NoticeKind cardKind(NotifyEvent e) {
        if (!"APPLIED".equalsIgnoreCase(e.data().path("outcome").asText())) {
            return NoticeKind.CARD_REFUSED;
        }
        return switch (e.data().path("status").asText()) {
            case "IN_PROGRESS" -> NoticeKind.TICKET_IN_PROGRESS;
            case "RESOLVED", "CLOSED" -> NoticeKind.TICKET_RESOLVED;
            default -> NoticeKind.TICKET_ACCEPTED;
        };
    }

    private Map<String, Object> values(NoticeKind k, NotifyEvent e, Recipient r) throws Exception {
        return switch (k) {
            case STOCK_LOW -> facts.forStock(e.data(), e.occurredAt(), publicBaseUrl + "/api/v1/parts/"
                    + e.data().path("partSku").asText() + "/stock");
            case IT_ALERT -> facts.forAlert(json.treeToValue(e.data(), ItAlert.class));
            default -> {
                Ticket t = tickets.get(e.ticketId() != null ? e.ticketId() : e.data().path("ticketId").asText());
                JsonNode data = e.data();
                if (AFTER_A_CLICK.contains(k)) {
                    data = withActor(e.data(), r.channel());
                }
                String assignee = t.assigneeId() == null ? null : staff.find(t.assigneeId()).map(Staff::name)
                        .orElse(null);
                yield facts.forTicket(k, t, data, e.occurredAt(), new NoticeFacts.Addressee(r.name(), r.role(),
                        r.supervisor()), assignee, fieldPageLink(t, r), fieldPage.requireResolutionNote());
            }
        };
    }

    /**
     * The assignee's signed link to the field page, only in a message to the assignee: their own message, or the
     * update of the card a click of theirs left (a refused click by someone else gets no link).
     */
    private String fieldPageLink(Ticket t, Recipient r) {
        if (t.assigneeId() == null || !t.status().isOpen()) {
            return null;
        }
        boolean toAssignee = r.who().equals("staff:" + t.assigneeId()) || r.who().equals("card")
                && r.userIds().size() == 1 && staff.findByImUserId(r.channel(), r.userIds().get(0))
                .map(Staff::id).filter(t.assigneeId()::equals).isPresent();
        return toAssignee ? links.link(t.assigneeId(), t.id()) : null;
    }

    /** A card event with the clicking person's name from the directory (their platform id when not there). */
    private JsonNode withActor(JsonNode data, PreferredChannel channel) {
        ObjectNode copy = data.deepCopy();
        String actor = data.path("actorUserId").asText("");
        copy.put("actorName", actor.isEmpty() ? null
                : staff.findByImUserId(channel, actor).map(Staff::name).orElse(actor));
        return copy;
    }

    /** The first line without Markdown marks: the title of a DingTalk Markdown message and its preview. */
    static String title(String text) {
        for (String line : text.split("\n")) {
            String t = line.replaceFirst("^[#>*\\s-]+", "").replace("**", "").trim();
            if (!t.isEmpty()) {
                return t.length() > 64 ? t.substring(0, 64) : t;
            }
        }
        return "通知";
    }

    // ------------------------------------------------------------------ nobody

    /** For an addressee nobody can reach: a REFUSED row on the ticket's timeline that says who and why. */
    public void unreachable(Exchange ex) {
        Recipient r = ex.getMessage().getBody(Recipient.class);
        attempts.refusedWithoutCall(ex, r.who(), r.key(), r.unreachable());
        log.info("Notice {} not sent: {}", r.key(), r.unreachable());
    }
}
