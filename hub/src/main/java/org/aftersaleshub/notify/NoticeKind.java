package org.aftersaleshub.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a staff message is about, with the channels the hub ships a template for. {@code dingtalk} and {@code wecom}
 * are Markdown (a work notice, an app message, a group robot message; the first line is the title), the
 * {@code -card} channels are JSON (an interactive card, or the new content of one).
 */
public enum NoticeKind {

    /** 新工单: to the assignee; as a card it offers 接单. */
    TICKET_ASSIGNED("ticket-assigned", "dingtalk", "wecom", "dingtalk-card", "wecom-card"),
    /** The card after 接单: 已由 … 接单, now offering 到场 and 完成. */
    TICKET_ACCEPTED("ticket-accepted", "dingtalk-card", "wecom-card"),
    /** The card after 到场: work started, offering 完成. */
    TICKET_IN_PROGRESS("ticket-in-progress", "dingtalk-card", "wecom-card"),
    /** The card after 完成: resolved, no buttons. */
    TICKET_RESOLVED("ticket-resolved", "dingtalk-card", "wecom-card"),
    /** The card after a click the hub refused (someone else, a ticket no longer in that state): says why. */
    CARD_REFUSED("card-refused", "dingtalk-card", "wecom-card"),
    /** SLA deadline near: to the assignee and the supervisor. */
    SLA_WARNING("sla-warning", "dingtalk", "wecom"),
    /** SLA deadline passed: escalation to the supervisor (and the assignee). */
    SLA_BREACHED("sla-breached", "dingtalk", "wecom"),
    /** The ERP refused a part usage: to the supervisor. */
    PART_DEDUCTION_FAILED("part-deduction-failed", "dingtalk", "wecom"),
    /** No dispatch rule found an engineer: to the supervisors of the ticket's region (待分派). */
    DISPATCH_UNMATCHED("dispatch-unmatched", "dingtalk", "wecom"),
    /** A low satisfaction score (差评): to the supervisor. */
    SURVEY_LOW("survey-low", "dingtalk", "wecom"),
    /** Stock below its safety level: to the warehouse's group. */
    STOCK_LOW("stock-low", "dingtalk", "wecom"),
    /** The hub about itself (dead letter, refused credentials, backlog): to IT's group. */
    IT_ALERT("it-alert", "dingtalk", "wecom"),
    /** 汇总通知: routine notices that waited for a send budget, merged into one message to their target. */
    DIGEST("digest", "dingtalk", "wecom");

    private final String id;
    private final List<String> channels;

    NoticeKind(String id, String... channels) {
        this.id = id;
        this.channels = List.of(channels);
    }

    /** The name routes and template files use, e.g. {@code ticket-assigned}. */
    public String id() {
        return id;
    }

    public List<String> channels() {
        return channels;
    }

    /** {@code <id>.<channel>.<md|json>.mustache}. */
    public String templateName(String channel) {
        return id + "." + channel + (channel.endsWith("-card") ? ".json" : ".md") + ".mustache";
    }

    /** Every template the hub ships. */
    public static List<String> templateNames() {
        List<String> out = new ArrayList<>();
        for (NoticeKind k : values()) {
            k.channels.forEach(c -> out.add(k.templateName(c)));
        }
        return out;
    }

    /** The kind a route names, e.g. {@code sla-warning}, or by its event type ({@code SlaWarning}). */
    public static NoticeKind of(String id) {
        String kebab = id.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(kebab)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no message kind '" + id + "'; kinds: "
                        + Arrays.stream(values()).map(NoticeKind::id).toList()));
    }

    static NoticeKind ofTemplate(String templateName) {
        return of(templateName.substring(0, templateName.indexOf('.')));
    }
}
