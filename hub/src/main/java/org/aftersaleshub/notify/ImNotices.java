package org.aftersaleshub.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.connector.dingtalk.WorkNotice;
import org.aftersaleshub.connector.wecom.AppMessage;
import org.aftersaleshub.delivery.DeliveryAttempts;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.messaging.MessageHeaders;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The hub's own steps of the {@code routes/im-*.yaml} routes: who gets a message and on which channel
 * ({@link #people}, {@link #warehouseGroup}, {@link #itGroups}, {@link #cardOwner}), the message itself from its
 * template ({@link #prepare}), and the timeline row for someone nobody can reach ({@link #unreachable}). The calls to
 * DingTalk and WeCom are endpoints in the YAML.
 *
 * <p>Each addressee is one message with its own key, {@code im:<event id>:<who>}: a split in the route sends them
 * one by one, so one failing addressee is retried and dead-lettered alone. Addressees whose message already has a
 * final journal row (delivered, or refused for good) are left out, so a redelivered event or a replayed dead letter
 * reaches nobody twice.
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

    static final String ASSIGNEE = "负责工程师";
    static final String SUPERVISOR = "主管";

    private final ObjectMapper json;
    private final TicketService tickets;
    private final StaffRepository staff;
    private final ImInstances instances;
    private final NotifyProperties props;
    private final NoticeTemplates templates;
    private final DeliveryAttempts attempts;
    private final JdbcTemplate jdbc;
    private final NoticeFacts facts;
    private final String publicBaseUrl;

    public ImNotices(ObjectMapper json, TicketService tickets, StaffRepository staff, ImInstances instances,
                     NotifyProperties props, NoticeTemplates templates, DeliveryAttempts attempts, JdbcTemplate jdbc,
                     @Value("${hub.public-base-url:http://127.0.0.1:8080}") String publicBaseUrl) {
        this.json = json;
        this.tickets = tickets;
        this.staff = staff;
        this.instances = instances;
        this.props = props;
        this.templates = templates;
        this.attempts = attempts;
        this.jdbc = jdbc;
        this.facts = new NoticeFacts(props.timeZone(), props.ticketLink());
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The event the route received, read from the JSON the shared route configuration kept. */
    record Event(String id, String type, String ticketId, Instant occurredAt, JsonNode data) {
    }

    Event event(Exchange ex) {
        String text = ex.getProperty(DeliveryProperties.EVENT_JSON, String.class);
        try {
            JsonNode n = json.readTree(text);
            String at = n.path("occurredAt").asText(n.path("raisedAt").asText(null));
            return new Event(ex.getProperty(MessageHeaders.EVENT_ID, String.class), n.path("type").asText(
                    ex.getProperty(MessageHeaders.EVENT_TYPE, String.class)), blankToNull(n.path("ticketId")
                    .asText(null)), at == null ? Instant.now() : Instant.parse(at), n.has("data") ? n.get("data")
                    : n);
        } catch (Exception e) {
            throw new IllegalArgumentException("the event is not JSON the notification routes can read: "
                    + e.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------ who

    /**
     * The people of a ticket event: {@code roles} is {@code assignee}, {@code supervisor} (of the assignee) or both,
     * comma-separated. The assignee is the event's ({@code TicketAssigned}) or the ticket's.
     */
    public List<Recipient> people(Exchange ex, String roles) {
        Event e = event(ex);
        Set<String> wanted = Set.of(roles.replace(" ", "").split(","));
        Ticket t = tickets.get(e.ticketId());
        String assigneeId = e.data().hasNonNull("assigneeId") ? e.data().get("assigneeId").asText() : t.assigneeId();
        Optional<Staff> assignee = assigneeId == null ? Optional.empty() : staff.find(assigneeId);
        List<Recipient> out = new ArrayList<>();
        if (wanted.contains("assignee")) {
            if (assigneeId == null) {
                out.add(Recipient.unreachable(key(e, "assignee"), "ticket:" + t.id(), ASSIGNEE,
                        "the ticket has no assignee (未指派): nobody to notify"));
            } else {
                out.add(assignee.map(s -> person(e, s, ASSIGNEE, false)).orElseGet(() -> Recipient.unreachable(
                        key(e, assigneeId), "staff:" + assigneeId, ASSIGNEE, "assignee " + assigneeId + " is not "
                                + "in the staff directory (人员不存在): not notified")));
            }
        }
        if (wanted.contains("supervisor")) {
            out.add(supervisorOf(e, t, assigneeId, assignee));
        }
        return pending(ex, e, distinct(out));
    }

    private Recipient supervisorOf(Event e, Ticket t, String assigneeId, Optional<Staff> assignee) {
        if (assignee.isEmpty()) {
            return Recipient.unreachable(key(e, "supervisor"), "ticket:" + t.id(), SUPERVISOR, "no supervisor: "
                    + (assigneeId == null ? "the ticket has no assignee (未指派)" : "assignee " + assigneeId
                    + " is not in the staff directory (人员不存在)"));
        }
        String supervisorId = assignee.get().supervisorId();
        if (supervisorId == null) {
            return Recipient.unreachable(key(e, "supervisor"), "staff:" + assigneeId, SUPERVISOR, "assignee "
                    + assigneeId + " has no supervisor in the staff directory (未设置主管): nobody to escalate to");
        }
        return staff.find(supervisorId).map(s -> person(e, s, SUPERVISOR, true)).orElseGet(() ->
                Recipient.unreachable(key(e, supervisorId), "staff:" + supervisorId, SUPERVISOR, "supervisor "
                        + supervisorId + " is not in the staff directory (人员不存在)"));
    }

    /** A person on their preferred channel, or the one channel they have an id on; else why not. */
    private Recipient person(Event e, Staff s, String role, boolean supervisor) {
        String key = key(e, s.id());
        String who = "staff:" + s.id();
        if (!s.active()) {
            return Recipient.unreachable(key, who, role, role + " " + s.id() + " is deactivated (已停用): not "
                    + "notified");
        }
        List<PreferredChannel> order = new ArrayList<>();
        if (s.preferredChannel() != PreferredChannel.NONE) {
            order.add(s.preferredChannel());
        }
        // NONE means "not chosen": the channel the person has an id on
        for (PreferredChannel c : List.of(PreferredChannel.DINGTALK, PreferredChannel.WECOM)) {
            if (!order.contains(c)) {
                order.add(c);
            }
        }
        String missingInstance = null;
        for (PreferredChannel c : order) {
            String id = c == PreferredChannel.DINGTALK ? s.dingTalkUserId() : s.weComUserId();
            if (id == null) {
                continue;
            }
            Optional<String> instance = instances.forChannel(c);
            if (instance.isPresent()) {
                return new Recipient(key, who, s.name(), role, supervisor, c, instance.get(), List.of(id), null,
                        null);
            }
            missingInstance = missingInstance != null ? missingInstance : ImInstances.keyOf(c);
        }
        if (missingInstance != null) {
            return Recipient.unreachable(key, who, role, role + " " + s.id() + ": no connector instance sends on "
                    + "the person's channel (未配置钉钉/企业微信应用); set " + missingInstance);
        }
        return Recipient.unreachable(key, who, role, role + " " + s.id() + " has no DingTalk userId and no WeCom "
                + "userid (无钉钉/企业微信账号): not notified; add one in the staff directory");
    }

    /** The group of the warehouse of a StockLow event. */
    public List<Recipient> warehouseGroup(Exchange ex) {
        Event e = event(ex);
        String warehouse = e.data().path("warehouse").asText("");
        NotifyProperties.GroupTarget t = props.warehouseTargets().get(warehouse);
        String who = "warehouse:" + warehouse;
        Recipient r = t == null ? Recipient.unreachable(key(e, who), who, "仓库", "no group for warehouse "
                + warehouse + " (未配置仓库通知群): set hub.notify.warehouse-targets." + warehouse)
                : group(key(e, who), who, "仓库", t);
        return pending(ex, e, List.of(r));
    }

    /** IT's groups, for an IT alert. */
    public List<Recipient> itGroups(Exchange ex) {
        Event e = event(ex);
        List<Recipient> out = new ArrayList<>();
        for (int i = 0; i < props.itTargets().size(); i++) {
            out.add(group(key(e, "it-" + i), "it:" + i, "IT", props.itTargets().get(i)));
        }
        if (out.isEmpty()) {
            out.add(Recipient.unreachable(key(e, "it"), "it", "IT", "no IT group (未配置运维通知群): set "
                    + "hub.notify.it-targets"));
        }
        return pending(ex, e, out);
    }

    private Recipient group(String key, String who, String role, NotifyProperties.GroupTarget t) {
        Optional<String> instance = instances.forTarget(t);
        if (instance.isEmpty()) {
            return Recipient.unreachable(key, who, role, who + ": no " + ImInstances.type(t.channel()) + " connector "
                    + "instance (未配置应用); set its instance or " + ImInstances.keyOf(t.channel()));
        }
        return new Recipient(key, who, null, role, false, t.channel(), instance.get(), t.users(),
                t.robot().isEmpty() ? null : t.robot(), null);
    }

    /**
     * The card a CardActionHandled event updates: on the event's platform and connector instance, for the person
     * who clicked (a WeCom card is updated per person, with the click's response code).
     */
    public List<Recipient> cardOwner(Exchange ex) {
        Event e = event(ex);
        PreferredChannel channel = "WECOM".equalsIgnoreCase(e.data().path("platform").asText())
                ? PreferredChannel.WECOM : PreferredChannel.DINGTALK;
        String instance = e.data().path("connectorInstance").asText("");
        String actor = e.data().path("actorUserId").asText("");
        Recipient r = instance.isEmpty() ? Recipient.unreachable(key(e, "card"), "card", "card", "the event names "
                + "no connector instance: the card cannot be updated")
                : new Recipient(key(e, "card"), "card", null, "card", false, channel, instance,
                actor.isEmpty() ? List.of() : List.of(actor), null, null);
        return pending(ex, e, List.of(r));
    }

    private static String key(Event e, String who) {
        return "im:" + e.id() + ":" + who;
    }

    private static List<Recipient> distinct(List<Recipient> rs) {
        Map<String, Recipient> byKey = new LinkedHashMap<>();
        rs.forEach(r -> byKey.putIfAbsent(r.key(), r));
        return List.copyOf(byKey.values());
    }

    /**
     * Leaves out addressees whose message already has a final journal row, and on a dead-letter replay everyone but
     * the replayed target.
     */
    private List<Recipient> pending(Exchange ex, Event e, List<Recipient> rs) {
        Set<String> done = new HashSet<>(jdbc.queryForList("select idempotency_key from delivery_journal where "
                + "event_id = ? and outcome in ('SUCCESS', 'REFUSED')", String.class, e.id()));
        String replayTarget = blankToNull(ex.getProperty(MessageHeaders.TARGET, String.class));
        return rs.stream().filter(r -> !done.contains(r.key()))
                .filter(r -> replayTarget == null || replayTarget.equals(r.reachable() ? r.instance() : r.who()))
                .toList();
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
        m.setHeader(CHANNEL, r.channel().name());
        m.setHeader(INSTANCE, r.instance());
        m.setHeader(ROBOT, r.robot());
        if (!r.reachable()) {
            m.setHeader(FORM, "NONE");
            return;
        }
        Event e = event(ex);
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
                    .put("msgtype", "markdown").put("title", title(text)).put("content", text));
            default -> json.writeValueAsString(card(e, r, form, (ObjectNode) json.readTree(text)));
        });
    }

    /**
     * The body of a card operation (the card connectors' operations take it; docs/notifications.md, "Cards"):
     * DingTalk {@code card-deliver} {@code {key, ticketId, outTrackId, userIds, cardParamMap}}, {@code card-update}
     * {@code {key, ticketId, outTrackId, cardParamMap}}; WeCom {@code app-message}
     * {@code {key, ticketId, users, msgtype: template_card, template_card}}, {@code card-update}
     * {@code {key, ticketId, userIds, responseCode, template_card}}.
     */
    private ObjectNode card(Event e, Recipient r, String form, ObjectNode rendered) {
        ObjectNode body = json.createObjectNode().put("key", r.key());
        String ticketId = e.ticketId() != null ? e.ticketId() : e.data().path("ticketId").asText(null);
        body.put("ticketId", ticketId);
        boolean update = form.equals("CARD_UPDATE");
        if (r.channel() == PreferredChannel.DINGTALK) {
            // a card's identity: the same event always makes the same card, so a re-sent card is no second card
            body.put("outTrackId", update ? e.data().path("outTrackId").asText() : "tk-" + e.id());
            if (!update) {
                body.set("userIds", json.valueToTree(r.userIds()));
            }
            body.set("cardParamMap", rendered);
            return body;
        }
        if (!rendered.has("task_id")) {
            rendered.put("task_id", update ? e.data().path("taskId").asText() : "tk-" + e.id());
        }
        if (update) {
            body.set("userIds", json.valueToTree(r.userIds()));
            body.put("responseCode", e.data().path("responseCode").asText(null));
        } else {
            body.set("users", json.valueToTree(r.userIds()));
            body.put("msgtype", "template_card");
        }
        body.set("template_card", rendered);
        return body;
    }

    /** Which card a handled click leaves: refused, or the ticket's new state. */
    private static NoticeKind cardKind(Event e) {
        if (!"APPLIED".equalsIgnoreCase(e.data().path("outcome").asText())) {
            return NoticeKind.CARD_REFUSED;
        }
        return switch (e.data().path("status").asText()) {
            case "IN_PROGRESS" -> NoticeKind.TICKET_IN_PROGRESS;
            case "RESOLVED", "CLOSED" -> NoticeKind.TICKET_RESOLVED;
            default -> NoticeKind.TICKET_ACCEPTED;
        };
    }

    private Map<String, Object> values(NoticeKind k, Event e, Recipient r) throws Exception {
        return switch (k) {
            case STOCK_LOW -> facts.forStock(e.data(), e.occurredAt(), publicBaseUrl + "/api/v1/parts/"
                    + e.data().path("partSku").asText() + "/stock");
            case IT_ALERT -> facts.forAlert(json.treeToValue(e.data(), ItAlert.class));
            default -> {
                Ticket t = tickets.get(e.ticketId() != null ? e.ticketId() : e.data().path("ticketId").asText());
                JsonNode data = e.data();
                if (k == NoticeKind.CARD_REFUSED || k.id().startsWith("ticket-") && k != NoticeKind.TICKET_ASSIGNED) {
                    data = withActor(e.data(), r.channel());
                }
                String assignee = t.assigneeId() == null ? null : staff.find(t.assigneeId()).map(Staff::name)
                        .orElse(null);
                yield facts.forTicket(k, t, data, e.occurredAt(), new NoticeFacts.Addressee(r.name(), r.role(),
                        r.supervisor()), assignee);
            }
        };
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
