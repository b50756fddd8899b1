package org.aftersaleshub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TicketStatusTest {

    @Test
    void happyPathIsAllowedStepByStep() {
        TicketStatus[] path = {TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING_PARTS, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED};
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i - 1].canMoveTo(path[i])).as(path[i - 1] + " -> " + path[i]).isTrue();
        }
    }

    @Test
    void aResolvedTicketIsReopenedIntoInProgressOrClosed() {
        assertThat(TicketStatus.RESOLVED.allowedTargets())
                .containsExactlyInAnyOrder(TicketStatus.IN_PROGRESS, TicketStatus.CLOSED);
    }

    @Test
    void cancelledIsReachableFromEveryOpenStatusAndNothingElse() {
        for (TicketStatus s : TicketStatus.values()) {
            assertThat(s.canMoveTo(TicketStatus.CANCELLED)).as(s.name()).isEqualTo(s.isOpen());
        }
        assertThat(EnumSet.allOf(TicketStatus.class).stream().filter(TicketStatus::isOpen))
                .containsExactly(TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.ACCEPTED,
                        TicketStatus.IN_PROGRESS, TicketStatus.WAITING_PARTS);
    }

    @Test
    void skippingAheadOrGoingBackIsRefused() {
        assertThat(TicketStatus.NEW.canMoveTo(TicketStatus.RESOLVED)).isFalse();
        assertThat(TicketStatus.ACCEPTED.canMoveTo(TicketStatus.NEW)).isFalse();
        assertThat(TicketStatus.RESOLVED.canMoveTo(TicketStatus.ACCEPTED)).isFalse();
        assertThat(TicketStatus.CLOSED.canMoveTo(TicketStatus.IN_PROGRESS)).isFalse();
        assertThat(TicketStatus.CLOSED.allowedTargets()).isEmpty();
        assertThat(TicketStatus.CANCELLED.allowedTargets()).isEmpty();
    }
}
