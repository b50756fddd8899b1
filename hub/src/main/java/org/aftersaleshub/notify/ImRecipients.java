package org.aftersaleshub.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.masterdata.warehouse.WarehouseRepository;
import org.aftersaleshub.messaging.MessageHeaders;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.staff.StaffRole;
import org.aftersaleshub.ticket.TicketService;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who gets a message, and on which channel — the split step of the {@code routes/im-*.yaml} routes: the people of a
 * ticket event ({@link #people}), a warehouse's group ({@link #warehouseGroup}), IT's groups ({@link #itGroups}), a
 * clicked card ({@link #cardOwner}). Each addressee is one message with its own key, {@code im:<event id>:<who>}, so
 * one failing addressee is retried and dead-lettered alone. Addressees whose message already has a final journal
 * row (delivered, or refused for good) are left out, so a redelivered event or a replayed dead letter reaches nobody
 * twice.
 */
@Component("imRecipients")
public class ImRecipients {

    static final String ASSIGNEE = "负责工程师";
    static final String SUPERVISOR = "主管";
    static final String DIRECTOR = "服务总监";

    private final ObjectMapper json;
    private final TicketService tickets;
    private final StaffRepository staff;
    private final ImInstances instances;
    private final NotifyProperties props;
    private final JdbcTemplate jdbc;
    private final WarehouseRepository warehouses;

    public ImRecipients(ObjectMapper json, TicketService tickets, StaffRepository staff, ImInstances instances,
                        NotifyProperties props, JdbcTemplate jdbc, WarehouseRepository warehouses) {
        this.warehouses = warehouses;
        this.json = json;
        this.tickets = tickets;
        this.staff = staff;
        this.instances = instances;
        this.props = props;
        this.jdbc = jdbc;
    }

    /**
     * The people of a ticket event: {@code roles} is {@code assignee}, {@code supervisor} (of the assignee),
     * {@code region-supervisors} (every active supervisor of the ticket's region: nobody is assigned yet), or several,
     * comma-separated. The assignee is the event's ({@code TicketAssigned}) or the ticket's.
     */
    public List<Recipient> people(Exchange ex, String roles) {
        NotifyEvent e = NotifyEvent.of(ex, json);
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
            if (assigneeId == null) {
                out.addAll(regional(e, t, StaffRole.SUPERVISOR, SUPERVISOR));
            } else {
                out.add(supervisorOf(e, t, assigneeId, assignee));
            }
        }
        if (wanted.contains("director")) {
            out.addAll(regional(e, t, StaffRole.DIRECTOR, DIRECTOR));
        }
        if (wanted.contains("region-supervisors")) {
            out.addAll(regionSupervisors(e, t));
        }
        return pending(ex, e, distinct(out));
    }

    /**
     * The people an SLA escalation step names in its event's {@code recipients} ({@code assignee}, {@code supervisor},
     * {@code director}); the assignee and the supervisor when it names nobody (events written before chains).
     */
    public List<Recipient> escalation(Exchange ex) {
        NotifyEvent e = NotifyEvent.of(ex, json);
        List<String> roles = new ArrayList<>();
        e.data().path("recipients").forEach(n -> roles.add(n.asText()));
        return people(ex, roles.isEmpty() ? "assignee,supervisor" : String.join(",", roles));
    }

    /** The supervisor, for a SurveyAnswered event with a low score; nobody for any other answer. */
    public List<Recipient> lowScoreSupervisor(Exchange ex) {
        NotifyEvent e = NotifyEvent.of(ex, json);
        return e.data().path("low").asBoolean(false) ? people(ex, "supervisor") : List.of();
    }

    /**
     * Everyone active with the role in the ticket's region (a person without a region counts everywhere), else
     * everyone active with the role: 服务总监 (DIRECTOR), or the region's 主管 for a ticket nobody is assigned to yet.
     */
    private List<Recipient> regional(NotifyEvent e, Ticket t, StaffRole role, String roleName) {
        List<Staff> holders = staff.all().stream().filter(s -> s.active() && s.roles().contains(role)).toList();
        List<Staff> inRegion = holders.stream().filter(s -> s.region() == null || s.region().isBlank()
                || s.region().equals(t.region())).toList();
        List<Staff> chosen = inRegion.isEmpty() ? holders : inRegion;
        if (chosen.isEmpty()) {
            return List.of(Recipient.unreachable(key(e, role.name().toLowerCase(java.util.Locale.ROOT)),
                    "ticket:" + t.id(), roleName, "nobody in the staff directory has the role " + role + " ("
                            + roleName + "): nobody to escalate to; give someone the role"));
        }
        return chosen.stream().map(s -> person(e, s, roleName, true)).toList();
    }

    private Recipient supervisorOf(NotifyEvent e, Ticket t, String assigneeId, Optional<Staff> assignee) {
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

    private List<Recipient> regionSupervisors(NotifyEvent e, Ticket t) {
        List<Recipient> out = staff.all().stream()
                .filter(s -> s.active() && t.region().equals(s.region()) && s.roles().contains(StaffRole.SUPERVISOR))
                .map(s -> person(e, s, SUPERVISOR, true)).toList();
        return out.isEmpty() ? List.of(Recipient.unreachable(key(e, "region-supervisors"), "region:" + t.region(),
                SUPERVISOR, "no active supervisor in region " + t.region() + " (该区域无主管): nobody to tell"))
                : out;
    }

    /** A person on their preferred channel, or the one channel they have an id on; else why not. */
    private Recipient person(NotifyEvent e, Staff s, String role, boolean supervisor) {
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

    /**
     * The group of the warehouse of a StockLow event: the warehouse's notification target in the master data
     * (channel with a robot or users), else {@code hub.notify.warehouse-targets} (deprecated: kept for deployments
     * that have not loaded their warehouses yet).
     */
    public List<Recipient> warehouseGroup(Exchange ex) {
        NotifyEvent e = NotifyEvent.of(ex, json);
        String warehouse = e.data().path("warehouse").asText("");
        NotifyProperties.GroupTarget t = warehouses.find(warehouse).filter(w -> w.notifyChannel() != null)
                .map(w -> new NotifyProperties.GroupTarget(PreferredChannel.valueOf(w.notifyChannel()), "",
                        w.notifyRobot(), w.notifyUsers()))
                .orElse(props.warehouseTargets().get(warehouse));
        String who = "warehouse:" + warehouse;
        Recipient r = t == null ? Recipient.unreachable(key(e, who), who, "仓库", "no group for warehouse "
                + warehouse + " (未配置仓库通知群): give the warehouse a notification target in the master data "
                + "(PUT /api/v1/warehouses/" + warehouse + ": notifyChannel with notifyRobot or notifyUsers)")
                : group(key(e, who), who, "仓库", t);
        return pending(ex, e, List.of(r));
    }

    /** IT's groups, for an IT alert. */
    public List<Recipient> itGroups(Exchange ex) {
        NotifyEvent e = NotifyEvent.of(ex, json);
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
        NotifyEvent e = NotifyEvent.of(ex, json);
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

    private static String key(NotifyEvent e, String who) {
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
    private List<Recipient> pending(Exchange ex, NotifyEvent e, List<Recipient> rs) {
        Set<String> done = new HashSet<>();
        Set<String> delivered = new HashSet<>();
        jdbc.query("select idempotency_key, outcome from delivery_journal where event_id = ? and outcome in "
                + "('SUCCESS', 'REFUSED')", (java.sql.ResultSet row) -> {
                    done.add(row.getString(1));
                    if ("SUCCESS".equals(row.getString(2))) {
                        delivered.add(row.getString(1));
                    }
                }, e.id());
        String replayTarget = blankToNull(ex.getProperty(MessageHeaders.TARGET, String.class));
        return rs.stream().filter(r -> !finished(r, done, delivered))
                .filter(r -> replayTarget == null || replayTarget.equals(r.reachable() ? r.instance() : r.who()))
                .toList();
    }

    /**
     * Whether an addressee's message has its final row. A WeCom card update WeCom could not apply (no response code,
     * or a used one) is refused but not final: the route sends the card anew under {@code <key>:new-card}
     * (routes/im-cards.yaml), so the update is finished only when that card is, and a redelivery or a replay of the
     * event still sends it.
     */
    private static boolean finished(Recipient r, Set<String> done, Set<String> delivered) {
        if (r.who().equals("card") && r.channel() == PreferredChannel.WECOM && !delivered.contains(r.key())) {
            return done.contains(r.key() + ":new-card");
        }
        return done.contains(r.key());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
