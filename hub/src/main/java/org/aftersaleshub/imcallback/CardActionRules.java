package org.aftersaleshub.imcallback;

import java.util.Map;
import org.aftersaleshub.model.TicketStatus;

/**
 * What a card click may do, decided from the hub's own state only: the ticket (from the card's identity), its status
 * and its assignee, and the staff record of the member who clicked. 接单 {@code accept} moves ASSIGNED → ACCEPTED,
 * 到场 {@code arrive} ACCEPTED → IN_PROGRESS, 完成 {@code complete} IN_PROGRESS → RESOLVED — only for the assignee.
 * Anything else leaves the ticket as it is, with a Chinese message the card shows.
 */
final class CardActionRules {

    /** The actions a card button can carry, with the status each needs and the one it leads to. */
    enum Action {
        ACCEPT("accept", "接单", TicketStatus.ASSIGNED, TicketStatus.ACCEPTED),
        ARRIVE("arrive", "到场", TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS),
        COMPLETE("complete", "完成", TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);

        final String key;
        final String label;
        final TicketStatus from;
        final TicketStatus to;

        Action(String key, String label, TicketStatus from, TicketStatus to) {
            this.key = key;
            this.label = label;
            this.from = from;
            this.to = to;
        }

        static Action of(String key) {
            for (Action a : values()) {
                if (a.key.equals(key)) {
                    return a;
                }
            }
            return null;
        }
    }

    /**
     * The decision. {@code target} is set when the ticket moves; otherwise {@code refusal} says why not and
     * {@code early} whether the same click may succeed later (the ticket has not reached the needed status yet).
     */
    record Decision(TicketStatus target, String refusal, String message, boolean early) {

        static Decision apply(TicketStatus target) {
            return new Decision(target, null, null, false);
        }

        static Decision refuse(String refusal, String message) {
            return new Decision(null, refusal, message, false);
        }

        static Decision notYet(String message) {
            return new Decision(null, "wrong-status", message, true);
        }

        boolean applied() {
            return target != null;
        }
    }

    /** 状态的中文名, as staff see them. */
    static final Map<TicketStatus, String> STATUS_NAMES = Map.of(TicketStatus.NEW, "新建", TicketStatus.ASSIGNED,
            "已派工", TicketStatus.ACCEPTED, "已接单", TicketStatus.IN_PROGRESS, "处理中", TicketStatus.WAITING_PARTS,
            "等待备件", TicketStatus.RESOLVED, "已解决", TicketStatus.CLOSED, "已关闭", TicketStatus.CANCELLED, "已取消");

    private CardActionRules() {
    }

    /**
     * @param action       the clicked action (null when unknown)
     * @param status       the ticket's status now
     * @param clickerId    the clicking member's staff id, or null when the directory does not know them
     * @param assigneeId   the ticket's assignee
     * @param assigneeName the assignee's name, or null
     */
    static Decision decide(Action action, TicketStatus status, String clickerId, String assigneeId,
                           String assigneeName) {
        if (clickerId == null) {
            return Decision.refuse("unknown-user", "您不在服务人员名单中，无法操作此工单");
        }
        String who = assigneeName == null ? "其他人员" : assigneeName;
        if (!clickerId.equals(assigneeId)) {
            boolean takenByOther = action == Action.ACCEPT && assigneeId != null && stage(status) >= 2
                    && status != TicketStatus.CANCELLED;
            return Decision.refuse("not-assignee", takenByOther ? "此工单已由 " + who + " 接单" : "您不是此工单的处理人");
        }
        if (status == TicketStatus.CANCELLED) {
            return Decision.refuse("wrong-status", "此工单已取消");
        }
        if (status == action.from) {
            return Decision.apply(action.to);
        }
        if (status == TicketStatus.WAITING_PARTS && action == Action.COMPLETE) {
            return Decision.notYet("工单正在等待备件，备件到位后再点完成");
        }
        if (stage(status) < stage(action.from)) {
            return Decision.notYet(switch (action) {
                case ACCEPT -> "此工单尚未派工";
                case ARRIVE -> "请先接单";
                case COMPLETE -> status == TicketStatus.ACCEPTED ? "请先点击到场" : "请先接单";
            });
        }
        return Decision.refuse("already-done", switch (action) {
            case ACCEPT -> "您已接单，无需重复操作";
            case ARRIVE -> "已记录到场，无需重复操作";
            case COMPLETE -> "此工单已完成";
        } + "（当前状态：" + STATUS_NAMES.get(status) + "）");
    }

    /** How far along the life cycle a status is (WAITING_PARTS is part of the work, like IN_PROGRESS). */
    private static int stage(TicketStatus s) {
        return switch (s) {
            case NEW -> 0;
            case ASSIGNED -> 1;
            case ACCEPTED -> 2;
            case IN_PROGRESS, WAITING_PARTS -> 3;
            case RESOLVED -> 4;
            case CLOSED, CANCELLED -> 5;
        };
    }
}
