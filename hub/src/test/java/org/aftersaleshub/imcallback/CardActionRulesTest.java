package org.aftersaleshub.imcallback;

import static org.assertj.core.api.Assertions.assertThat;

import org.aftersaleshub.imcallback.CardActionRules.Action;
import org.aftersaleshub.imcallback.CardActionRules.Decision;
import org.aftersaleshub.model.TicketStatus;
import org.junit.jupiter.api.Test;

/** Who may do what from a card, and what the card says otherwise. */
class CardActionRulesTest {

    private static Decision byAssignee(Action action, TicketStatus status) {
        return CardActionRules.decide(action, status, "s-zhang", "s-zhang", "张三");
    }

    @Test
    void theAssigneeMovesTheTicketOneStepPerButton() {
        assertThat(byAssignee(Action.ACCEPT, TicketStatus.ASSIGNED).target()).isEqualTo(TicketStatus.ACCEPTED);
        assertThat(byAssignee(Action.ARRIVE, TicketStatus.ACCEPTED).target()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(byAssignee(Action.COMPLETE, TicketStatus.IN_PROGRESS).target()).isEqualTo(TicketStatus.RESOLVED);
    }

    @Test
    void someoneElseIsToldWhoHasTheTicket() {
        Decision taken = CardActionRules.decide(Action.ACCEPT, TicketStatus.ACCEPTED, "s-li", "s-zhang", "张三");
        assertThat(taken.applied()).isFalse();
        assertThat(taken.refusal()).isEqualTo("not-assignee");
        assertThat(taken.message()).isEqualTo("此工单已由 张三 接单");
        Decision notYours = CardActionRules.decide(Action.ACCEPT, TicketStatus.ASSIGNED, "s-li", "s-zhang", "张三");
        assertThat(notYours.message()).isEqualTo("您不是此工单的处理人");
        assertThat(CardActionRules.decide(Action.COMPLETE, TicketStatus.IN_PROGRESS, "s-li", "s-zhang", "张三")
                .message()).isEqualTo("您不是此工单的处理人");
        assertThat(CardActionRules.decide(Action.ACCEPT, TicketStatus.ASSIGNED, null, "s-zhang", "张三").refusal())
                .isEqualTo("unknown-user");
    }

    @Test
    void tooEarlyMayBeTriedAgainAndDoneOrCancelledMayNot() {
        Decision early = byAssignee(Action.COMPLETE, TicketStatus.ACCEPTED);
        assertThat(early.early()).isTrue();
        assertThat(early.message()).isEqualTo("请先点击到场");
        assertThat(byAssignee(Action.ARRIVE, TicketStatus.ASSIGNED).message()).isEqualTo("请先接单");
        assertThat(byAssignee(Action.COMPLETE, TicketStatus.WAITING_PARTS).early()).isTrue();
        Decision twice = byAssignee(Action.ACCEPT, TicketStatus.IN_PROGRESS);
        assertThat(twice.early()).isFalse();
        assertThat(twice.refusal()).isEqualTo("already-done");
        assertThat(twice.message()).isEqualTo("您已接单，无需重复操作（当前状态：处理中）");
        assertThat(byAssignee(Action.COMPLETE, TicketStatus.CLOSED).message()).startsWith("此工单已完成");
        Decision cancelled = byAssignee(Action.ARRIVE, TicketStatus.CANCELLED);
        assertThat(cancelled.message()).isEqualTo("此工单已取消");
        assertThat(cancelled.early()).isFalse();
    }

    @Test
    void cardIdsNameTheTicketAndButtonKeysTheAction() {
        String id = "7d1c0c57-1111-4c2e-9d7a-0d6f1e2a3b4c";
        assertThat(CardIdentity.ticketOf("tkt-" + id + "-3")).contains(id);
        assertThat(CardIdentity.ticketOf("tkt-" + id)).contains(id);
        assertThat(CardIdentity.ticketOf("tkt-" + id.toUpperCase())).contains(id);
        assertThat(CardIdentity.ticketOf("card-" + id)).isEmpty();
        assertThat(CardIdentity.ticketOf("tkt-" + id + "-a b")).isEmpty();
        assertThat(CardIdentity.ticketOf("tkt-" + id + "-ding_user_001")).contains(id);
        assertThat(CardIdentity.eventOf("tk-" + id)).contains(id);
        assertThat(CardIdentity.eventOf("tkt-" + id)).isEmpty();
        assertThat(CardIdentity.ticketOf("tk-" + id)).isEmpty();
        assertThat(CardIdentity.buttonKey("accept:" + id)).isEqualTo(new CardIdentity.ButtonKey("accept", id));
        assertThat(CardIdentity.buttonKey("arrive")).isEqualTo(new CardIdentity.ButtonKey("arrive", null));
        assertThat(CardIdentity.buttonKey("ack_ticket_123:x").action()).isEqualTo("ack_ticket_123:x");
    }
}
