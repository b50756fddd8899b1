package org.aftersaleshub.notify.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aftersaleshub.connector.ratelimit.BudgetExhaustedException;
import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.delivery.DeliveryJournal;
import org.aftersaleshub.delivery.DeliveryOutcome;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.aftersaleshub.notify.ImInstances;
import org.aftersaleshub.notify.ImNotices;
import org.aftersaleshub.notify.ItAlert;
import org.aftersaleshub.notify.ItAlerts;
import org.aftersaleshub.notify.NotifyProperties;
import org.aftersaleshub.notify.Recipient;
import org.aftersaleshub.routing.BudgetWait;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parks a staff notice a send budget refused (nothing was sent): in {@link WaitingStore} until the budget's
 * retry-after, with a WAITING row on the ticket's timeline; the {@code im-waiting-drain} route sends it later. A
 * notice the drain itself was sending just goes back to wait. When DingTalk's monthly quota is used up, a person
 * who also has a WeCom id gets the notice there instead (parked due now, so the drain sends it at once), and IT is
 * told. Called by the shared route configuration ({@code hub-error-handling}), never by a route.
 */
@Component
public class NoticeParking implements BudgetWait {

    private static final Logger log = LoggerFactory.getLogger(NoticeParking.class);

    /** Exchange property: the waiting rows the drain is sending. */
    public static final String WAITING_IDS = "hubWaitingIds";
    /** Exchange property: the target of the waiting rows the drain is sending. */
    public static final String WAITING_TARGET = "hubWaitingTarget";

    private final WaitingStore store;
    private final WaitingProperties props;
    private final DeliveryJournal journal;
    private final ObjectMapper json;
    private final ImNotices notices;
    private final ImInstances instances;
    private final StaffRepository staff;
    private final ItAlerts alerts;
    private final NotifyProperties notify;

    public NoticeParking(WaitingStore store, WaitingProperties props, DeliveryJournal journal, ObjectMapper json,
                         ImNotices notices, ImInstances instances, StaffRepository staff, ItAlerts alerts,
                         NotifyProperties notify) {
        this.store = store;
        this.props = props;
        this.journal = journal;
        this.json = json;
        this.notices = notices;
        this.instances = instances;
        this.staff = staff;
        this.alerts = alerts;
        this.notify = notify;
    }

    /** A budget's refusal of a staff notice (prepared by {@code imNotices}) or of a drained one. */
    @Override
    public boolean matches(Exchange ex) {
        if (signal(ex) == null) {
            return false;
        }
        if (ex.getProperty(WAITING_IDS) != null) {
            return true;
        }
        String form = ex.getMessage().getHeader(ImNotices.FORM, String.class);
        return ex.getMessage().getHeader(ImNotices.CHANNEL) != null && form != null && !"NONE".equals(form);
    }

    @Override
    public void process(Exchange ex) throws Exception {
        BudgetExhaustedException signal = signal(ex);
        Instant due = Instant.now().plus(max(signal.retryAfter(), props.minWait()));
        @SuppressWarnings("unchecked")
        List<Long> ids = ex.getProperty(WAITING_IDS, List.class);
        if (ids != null) {
            store.release(ids, ex.getProperty(WAITING_TARGET, String.class), due, signal.getMessage());
            log.debug("{} waiting notice(s) for {} wait again until {}", ids.size(),
                    ex.getProperty(WAITING_TARGET), due);
            return;
        }
        if (signal.monthlyQuota()) {
            quotaAlert(ex, signal);
            if (otherChannel(ex, signal)) {
                return;
            }
        }
        park(ex, due, "waiting for the send budget (等待发送额度) until " + due + ": " + signal.getMessage());
    }

    private void park(Exchange ex, Instant due, String why) {
        WaitingNotice n = notice(ex);
        if (store.park(n, due, why)) {
            String instance = ex.getMessage().getHeader(ImNotices.INSTANCE, n.target(), String.class);
            journal.record(n.eventId(), n.ticketId(), n.eventType(), n.routeId(),
                    ex.getProperty(DeliveryProperties.TARGET, instance, String.class), n.key(),
                    ex.getProperty(DeliveryProperties.ATTEMPT, 1, Integer.class), DeliveryOutcome.WAITING, null, 0,
                    why);
            log.info("Notice {} to {} waits for its send budget until {}", n.key(), n.target(), due);
        }
    }

    /**
     * DingTalk's monthly quota is used up: the same notice for the person's WeCom id, parked due now. False when the
     * person has none (or no WeCom instance sends), and the notice waits for the month's end.
     */
    private boolean otherChannel(Exchange ex, BudgetExhaustedException signal) throws Exception {
        Recipient r = ex.getProperty(ImNotices.RECIPIENT, Recipient.class);
        String kind = ex.getProperty(ImNotices.KIND, String.class);
        if (r == null || kind == null || r.channel() != PreferredChannel.DINGTALK || !r.who().startsWith("staff:")) {
            return false;
        }
        Optional<Staff> person = staff.find(r.who().substring("staff:".length()));
        Optional<String> weCom = instances.forChannel(PreferredChannel.WECOM);
        if (person.isEmpty() || person.get().weComUserId() == null || weCom.isEmpty()) {
            return false;
        }
        Exchange moved = ex.copy();
        moved.getMessage().setBody(new Recipient(r.key(), r.who(), r.name(), r.role(), r.supervisor(),
                PreferredChannel.WECOM, weCom.get(), List.of(person.get().weComUserId()), null, null));
        try {
            notices.prepare(moved, kind);
        } catch (BudgetExhaustedException joins) {
            // prepared, and routine notices to that WeCom target wait already: it waits with them
        }
        moved.setProperty(DeliveryProperties.TARGET, weCom.get());
        park(moved, Instant.now(), "DingTalk's monthly API quota is used up (钉钉月度调用额度已用完): sent on WeCom "
                + "instead (" + signal.getMessage() + ")");
        return true;
    }

    private void quotaAlert(Exchange ex, BudgetExhaustedException signal) {
        String instance = ex.getMessage().getHeader(ImNotices.INSTANCE, "", String.class);
        try {
            alerts.raise(ItAlert.QUOTA, "quota:" + instance, "Connector " + instance + ": monthly API quota used up "
                    + "(月度调用额度已用完)", "Notices to its staff go to their WeCom id when they have one, else wait "
                    + "until the quota resets in " + signal.retryAfter().toHours() + " h.", "/api/v1/connectors",
                    notify.alerts().repeatAfter());
        } catch (RuntimeException e) {
            // the notice still waits; the alert is tried again with the next refused notice
            log.warn("IT alert for the used-up quota of {} not raised: {}", instance, e.toString());
        }
    }

    /** The notice on the failed exchange, as a row to park. */
    WaitingNotice notice(Exchange ex) {
        Message m = ex.getMessage();
        String channel = m.getHeader(ImNotices.CHANNEL, String.class);
        String instance = m.getHeader(ImNotices.INSTANCE, String.class);
        String form = m.getHeader(ImNotices.FORM, String.class);
        String robot = m.getHeader(ImNotices.ROBOT, String.class);
        Recipient r = ex.getProperty(ImNotices.RECIPIENT, Recipient.class);
        JsonNode body = body(m.getBody());
        String key = ex.getProperty(DeliveryProperties.IDEMPOTENCY_KEY, body.path("key").asText(null), String.class);
        String target = WaitingNotice.targetOf(channel, instance, robot, r != null ? r.userIds() : List.of());
        String eventType = ex.getProperty(MessageHeaders.EVENT_TYPE, String.class);
        boolean digestable = "NOTICE".equals(form) || "ROBOT".equals(form);
        return new WaitingNotice(0, key, target, WaitingNotice.Priority.of(eventType).rank(), digestable,
                endpoint(channel, instance, form), body.toString(),
                digestable ? body.path("content").asText(null) : null,
                ex.getProperty(MessageHeaders.EVENT_ID, String.class), eventType,
                ex.getProperty(MessageHeaders.TICKET_ID, String.class),
                ex.getFromRouteId() == null ? "unknown" : ex.getFromRouteId(),
                ex.getProperty(HubEventCapture.SOURCE_QUEUE, String.class),
                ex.getProperty(DeliveryProperties.EVENT_JSON, String.class), null, null);
    }

    /**
     * The message as the connector operation takes it in JSON. A record serialises its {@code type}; WeCom's
     * app-message reads {@code msgtype}, so both are kept.
     */
    private JsonNode body(Object body) {
        try {
            JsonNode n = body instanceof String s ? json.readTree(s) : json.valueToTree(body);
            if (n instanceof ObjectNode o && o.has("type") && !o.has("msgtype") && o.has("users")) {
                o.put("msgtype", o.path("type").asText().toLowerCase(Locale.ROOT));
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException("a notice to park is not JSON: " + e.getClass().getSimpleName());
        }
    }

    /** The endpoint the notice's route called, by the same rules as routes/im-*.yaml. */
    static String endpoint(String channel, String instance, String form) {
        boolean dingTalk = "DINGTALK".equals(channel);
        String operation = switch (form) {
            case "ROBOT" -> "robot-send";
            case "CARD_UPDATE" -> "card-update";
            case "CARD" -> dingTalk ? "card-deliver" : "app-message";
            default -> dingTalk ? "work-notice" : "app-message";
        };
        return (dingTalk ? "dingtalk:" : "wecom:") + instance + "?operation=" + operation; // a robot is in the body
    }

    static BudgetExhaustedException signal(Exchange ex) {
        Throwable failure = ex.getException() != null ? ex.getException()
                : ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return BudgetExhaustedException.in(failure);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
