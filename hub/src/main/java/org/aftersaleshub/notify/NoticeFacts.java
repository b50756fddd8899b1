package org.aftersaleshub.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;

/**
 * The values a message template sees, by name — the same names for every channel of a kind (docs/notifications.md
 * lists them). Absent values are null, so {@code {{#device}}…{{/device}}} leaves out a line about a device nobody
 * entered. Times are written in {@code hub.notify.time-zone}, labels in Chinese.
 */
public final class NoticeFacts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZoneId zone;
    private final String ticketLink;

    NoticeFacts(ZoneId zone, String ticketLink) {
        this.zone = zone;
        this.ticketLink = ticketLink;
    }

    /** Who a message is for, as the template names them. */
    record Addressee(String name, String role, boolean supervisor) {
    }

    /**
     * The values of a message about a ticket.
     *
     * @param event    the event's {@code data}
     * @param assignee the assignee's name, or null
     */
    Map<String, Object> forTicket(NoticeKind kind, Ticket t, JsonNode event, Instant occurredAt, Addressee to,
                                  String assignee) {
        return forTicket(kind, t, event, occurredAt, to, assignee, null, false);
    }

    /**
     * The values of a message about a ticket, with the assignee's field page.
     *
     * @param fieldPageLink  the signed link to the field page, for the assignee only (null for anyone else)
     * @param completeOnPage 完成 opens the field page (hub.field-page.require-resolution-note) instead of calling back
     */
    Map<String, Object> forTicket(NoticeKind kind, Ticket t, JsonNode event, Instant occurredAt, Addressee to,
                                  String assignee, String fieldPageLink, boolean completeOnPage) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ticketId", t.id());
        v.put("ticketNumber", t.number());
        // the customer's hub id until the hub keeps customer names (the CRM issue)
        v.put("customer", t.customerId());
        v.put("customerId", t.customerId());
        DeviceRef d = t.device();
        String model = d == null ? null : blankToNull(d.model());
        String serial = d == null ? null : blankToNull(d.serial());
        v.put("device", model == null && serial == null ? null
                : model == null ? serial : serial == null ? model : model + "（" + serial + "）");
        v.put("deviceModel", model);
        v.put("deviceSerial", serial);
        v.put("fault", t.faultType());
        v.put("description", blankToNull(t.description()));
        v.put("priority", priority(t.priority()));
        v.put("urgent", t.priority() == Priority.HIGH || t.priority() == Priority.URGENT ? Boolean.TRUE : null);
        v.put("region", t.region());
        // a card after a click shows the ticket as the click left it, not as it is when the update is rendered: a
        // queue that lags must not put a later state's buttons (or none) on an earlier state's card
        TicketStatus shown = shownStatus(kind, t, event);
        v.put("status", status(shown));
        // the buttons a card of the ticket offers now: 接单 while assigned, 到场 and 完成 once accepted, 完成 in work
        v.put("offerAccept", shown == TicketStatus.ASSIGNED ? Boolean.TRUE : null);
        v.put("offerArrive", shown == TicketStatus.ACCEPTED ? Boolean.TRUE : null);
        v.put("offerComplete", shown == TicketStatus.ACCEPTED || shown == TicketStatus.IN_PROGRESS
                ? Boolean.TRUE : null);
        // the field page (docs/field-page.md): 申请备件 once accepted, and 完成 there when a note is required
        v.put("fieldPageLink", fieldPageLink);
        boolean onPage = completeOnPage && fieldPageLink != null;
        v.put("completeOnPage", onPage ? Boolean.TRUE : null);
        v.put("completeByClick", onPage ? null : Boolean.TRUE);
        v.put("offerParts", fieldPageLink != null && (shown == TicketStatus.ACCEPTED
                || shown == TicketStatus.IN_PROGRESS || shown == TicketStatus.WAITING_PARTS)
                ? Boolean.TRUE : null);
        Instant deadline = t.status() == TicketStatus.NEW || t.status() == TicketStatus.ASSIGNED
                ? first(t.responseDueAt(), t.resolutionDueAt()) : first(t.resolutionDueAt(), t.responseDueAt());
        v.put("deadline", time(deadline));
        v.put("responseDeadline", time(t.responseDueAt()));
        v.put("resolutionDeadline", time(t.resolutionDueAt()));
        v.put("link", ticketLink.replace("{ticketId}", t.id()).replace("{ticketNumber}", t.number()));
        // a changing element: DingTalk delivers identical content to a person once a day (143106)
        v.put("eventTime", time(occurredAt));
        v.put("recipientName", to == null ? null : to.name());
        v.put("recipientRole", to == null ? null : to.role());
        v.put("toSupervisor", to != null && to.supervisor() ? Boolean.TRUE : null);
        v.put("assigneeName", assignee);
        switch (kind) {
            case TICKET_ASSIGNED -> v.put("reassigned", event.hasNonNull("previousAssigneeId") ? Boolean.TRUE : null);
            case SLA_WARNING, SLA_BREACHED -> {
                String sla = event.path("slaKind").asText("");
                v.put("slaKind", "RESPONSE".equals(sla) ? "响应" : "RESOLUTION".equals(sla) ? "解决" : sla);
                v.put("dueAt", time(instant(event.path("dueAt"))));
                // an escalation rule of rules/sla.yaml names itself; a deadline is named by its kind
                v.put("ruleName", "RULE".equals(sla) ? text(event, "ruleName") : null);
                v.put("late", event.path("late").asBoolean(false) ? Boolean.TRUE : null);
                List<String> labels = new java.util.ArrayList<>();
                event.path("labels").forEach(l -> labels.add(l.asText()));
                v.put("labels", labels.isEmpty() ? null : String.join("、", labels));
                String raisedTo = text(event, "raisedTo");
                v.put("raisedTo", raisedTo == null ? null : priority(Priority.valueOf(raisedTo)));
            }
            case SURVEY_LOW -> {
                v.put("score", event.path("score").asInt(0) == 0 ? null : event.path("score").asText());
                v.put("comment", text(event, "comment"));
            }
            case PART_DEDUCTION_FAILED -> {
                v.put("partSku", text(event, "partSku"));
                v.put("partUsageId", text(event, "partUsageId"));
                v.put("warehouse", text(event, "warehouse"));
                v.put("reason", text(event, "reason"));
            }
            case DISPATCH_UNMATCHED -> {
                v.put("queue", text(event, "queue"));
                v.put("reason", text(event, "reason"));
            }
            case TICKET_ACCEPTED, TICKET_IN_PROGRESS, TICKET_RESOLVED, CARD_REFUSED -> {
                v.put("actorName", text(event, "actorName"));
                String action = text(event, "action");
                v.put("action", action);
                v.put("actionLabel", action(action));
                v.put("message", text(event, "message"));
            }
            default -> {
                // no values of its own
            }
        }
        return v;
    }

    /** The values of a low-stock message (no ticket). */
    Map<String, Object> forStock(JsonNode event, Instant occurredAt, String link) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("partSku", text(event, "partSku"));
        v.put("warehouse", text(event, "warehouse"));
        v.put("available", number(event.path("available")));
        v.put("safetyStock", number(event.path("safetyStock")));
        v.put("eventTime", time(occurredAt));
        v.put("link", link);
        return v;
    }

    /** The status a card shows: for the cards after a click, the one the click event recorded. */
    private static TicketStatus shownStatus(NoticeKind kind, Ticket t, JsonNode event) {
        boolean afterClick = kind == NoticeKind.TICKET_ACCEPTED || kind == NoticeKind.TICKET_IN_PROGRESS
                || kind == NoticeKind.TICKET_RESOLVED || kind == NoticeKind.CARD_REFUSED;
        String recorded = event == null ? "" : event.path("status").asText("");
        if (afterClick && !recorded.isEmpty()) {
            try {
                return TicketStatus.valueOf(recorded);
            } catch (IllegalArgumentException e) {
                return t.status();
            }
        }
        return t.status();
    }

    /** The values of an IT alert. */
    Map<String, Object> forAlert(ItAlert a) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("alertKind", a.kind());
        v.put("alertKindLabel", switch (a.kind()) {
            case ItAlert.DEAD_LETTER -> "Dead letter (死信)";
            case ItAlert.CREDENTIALS -> "Credentials refused (凭证被拒)";
            case ItAlert.BACKLOG -> "Backlog (消息积压)";
            case ItAlert.QUOTA -> "Quota (接口额度)";
            default -> a.kind();
        });
        v.put("alertTitle", a.title());
        v.put("alertDetail", a.detail());
        v.put("alertTime", time(a.raisedAt()));
        v.put("link", a.link());
        return v;
    }

    /**
     * The values of a digest (汇总通知): {@code count}, and {@code items} each with its {@code index} (from 1) and the
     * {@code text} of the notice it carries (already rendered from its own template).
     */
    public static Map<String, Object> forDigest(List<String> texts) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("index", i + 1);
            item.put("text", texts.get(i) == null ? "" : texts.get(i).strip());
            items.add(item);
        }
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("count", texts.size());
        v.put("items", items);
        return v;
    }

    /** Sample values of a kind: what templates are checked against at start. */
    static Map<String, Object> sample(NoticeKind kind) {
        NoticeFacts f = new NoticeFacts(ZoneId.of("Asia/Shanghai"), "https://hub.example.com/console/tickets/"
                + "{ticketId}");
        Instant at = Instant.parse("2026-12-07T06:30:00Z");
        Ticket t = new Ticket("5f0c6d1e-0000-4000-8000-000000000001", "T20261207-000042", Channel.CALL_CENTER,
                "C0001", new DeviceRef("SN000123", "AC-9"), "制冷异常", "客户报修：\"不制冷\"", Priority.HIGH, "华东",
                TicketStatus.ASSIGNED, "staff-1", at.plusSeconds(7200), at.plusSeconds(86_400), at, at, null,
                List.of(), 2);
        return switch (kind) {
            case STOCK_LOW -> f.forStock(JSON.valueToTree(Map.of("partSku", "SP-COMP-001", "warehouse", "WH01",
                    "available", 3, "safetyStock", 5)), at, "https://hub.example.com/api/v1/parts/SP-COMP-001/stock");
            case DIGEST -> forDigest(List.of("### 库存告警：SP-COMP-001 低于安全库存", "### 库存告警：SP-COMP-002 低于安全库存"));
            case IT_ALERT -> f.forAlert(new ItAlert("a-1", ItAlert.DEAD_LETTER, "dead-letters", "Route x: 1 new "
                    + "dead letter", "target y, HTTP 500", "https://hub.example.com/api/v1/dead-letters/1", at));
            default -> f.forTicket(kind, t, JSON.valueToTree(Map.of("previousAssigneeId", "staff-0", "slaKind",
                    "RESPONSE", "dueAt", "2026-12-07T08:30:00Z", "partSku", "SP-COMP-001", "partUsageId", "PU-1",
                    "warehouse", "WH01", "reason", "库存不足", "actorName", "张三", "action", "accept",
                    "message", "已接单")), at, new Addressee("张三", "负责工程师", true), "张三",
                    "https://hub.example.com/field/djEKc3RhZmYtMQ.c2lnbmF0dXJl", false);
        };
    }

    static String priority(Priority p) {
        return p == null ? null : switch (p) {
            case LOW -> "低";
            case NORMAL -> "普通";
            case HIGH -> "高";
            case URGENT -> "紧急";
        };
    }

    static String status(TicketStatus s) {
        return s == null ? null : switch (s) {
            case NEW -> "新建";
            case ASSIGNED -> "已派工";
            case ACCEPTED -> "已接单";
            case IN_PROGRESS -> "处理中";
            case WAITING_PARTS -> "待备件";
            case RESOLVED -> "已解决";
            case CLOSED -> "已关闭";
            case CANCELLED -> "已取消";
        };
    }

    /** The button a card click stood for: accept 接单, arrive 到场, complete 完成. */
    static String action(String action) {
        return action == null ? null : switch (action) {
            case "accept" -> "接单";
            case "arrive" -> "到场";
            case "complete" -> "完成";
            default -> action;
        };
    }

    private String time(Instant i) {
        return i == null ? null : TIME.format(i.atZone(zone));
    }

    private static Instant first(Instant a, Instant b) {
        return a != null ? a : b;
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            // Jackson writes Instants as decimal seconds when timestamps are enabled
            return Instant.ofEpochMilli(n.decimalValue().movePointRight(3).longValue());
        }
        try {
            return Instant.parse(n.asText());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null
                : n.isNumber() ? new BigDecimal(n.asText()).stripTrailingZeros().toPlainString() : n.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : blankToNull(v.asText());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
