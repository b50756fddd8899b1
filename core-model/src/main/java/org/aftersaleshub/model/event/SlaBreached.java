package org.aftersaleshub.model.event;

import java.time.Instant;
import java.util.List;

/**
 * An SLA deadline passed, or an escalation rule's time ran out (超时升级): one step of the escalation chain.
 *
 * @param ticketId  the ticket
 * @param slaKind   RESPONSE (接单/响应), RESOLUTION (解决) or RULE (an escalation rule of rules/sla.yaml)
 * @param dueAt     when the deadline (or the rule's time) was due
 * @param policy    the SLA policy or rule id from rules/sla.yaml; null in events written before policies existed
 * @param ruleName  the policy's or rule's Chinese name, for the message (e.g. 高优先级工单待处理超过2小时)
 * @param step      1 for the breach itself, 2.. for the later steps of the chain
 * @param recipients who this step notifies: assignee, supervisor, director (服务总监); empty means assignee and
 *                  supervisor (the behaviour before escalation chains)
 * @param labels    labels the step put on the ticket (e.g. 紧急预警)
 * @param raisedTo  the priority 自动升级 raised the ticket to, or null
 * @param late      true when the hub fired the step noticeably after {@code dueAt} (it was down or behind)
 */
public record SlaBreached(String ticketId, String slaKind, Instant dueAt, String policy, String ruleName, int step,
                          List<String> recipients, List<String> labels, String raisedTo, boolean late)
        implements HubEvent {

    public SlaBreached {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A breach of the first step, to the assignee and the supervisor. */
    public SlaBreached(String ticketId, String slaKind, Instant dueAt) {
        this(ticketId, slaKind, dueAt, null, null, 1, List.of(), List.of(), null, false);
    }
}
