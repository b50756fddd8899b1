package org.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * routes/dispatch.yaml with the dispatch rules, end to end on the embedded default: tickets created through the
 * ticket service are assigned by the route (TicketCreated → dispatch → TicketAssigned), the region's supervisor hears
 * about a ticket nobody matched at the DingTalk mock.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchTest {

    static final ImMocks im = ImMocks.start();
    static final Path RULES = DispatchFixture.rulesDir();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        im.register(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "dispatch.yaml,im-notifications.yaml,im-waiting.yaml");
        r.add("hub.rules.dir", RULES::toString);
    }

    @AfterAll
    static void stop() {
        im.close();
    }

    @Autowired
    TicketService tickets;
    @Autowired
    TicketDispatcher dispatcher;
    @Autowired
    StaffRepository staff;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void staff() {
        DispatchFixture.staff(staff);
    }

    Ticket create(String fault, String region) {
        return tickets.create(new CreateTicketRequest(Channel.CALL_CENTER, "C0001", new DeviceRef("SN000001",
                "AC-9"), fault, "测试", Priority.NORMAL, region, null, null, null), "test");
    }

    /** The ticket once dispatch has decided on it. */
    Ticket dispatched(Ticket t) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from dispatch_decision where ticket_id = ?", Integer.class, t.id()) == 1);
        return tickets.get(t.id());
    }

    @Test
    void hardwareGoesToTheHardwareEngineerOfTheTicketsRegionSoftwareToTheSoftwareTeam() {
        Ticket east = dispatched(create("硬件维修", "华东"));
        Ticket south = dispatched(create("硬件维修", "华南"));
        Ticket software = dispatched(create("软件咨询", "华东"));
        assertThat(east.status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(east.assigneeId()).isEqualTo("hw-east");
        assertThat(south.assigneeId()).isEqualTo("hw-south");
        assertThat(software.assigneeId()).isEqualTo("sw-east");
        // a TicketAssigned like any other, the timeline's reason naming the rule
        assertThat(jdbc.queryForList("select reason from status_history where ticket_id = ? and to_status = "
                + "'ASSIGNED'", String.class, east.id())).containsExactly("dispatch rule 硬件维修");
        assertThat(jdbc.queryForList("select actor from status_history where ticket_id = ? and to_status = "
                + "'ASSIGNED'", String.class, software.id())).containsExactly(TicketDispatcher.ACTOR);
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketAssigned'", Integer.class, east.id())).isEqualTo(1);
    }

    @Test
    void leastOpenLoadFirstThenRoundRobinKeptInItsRow() {
        // net-a already has an open ticket (assigned by hand; 其他 matches no rule, and 西北 has no supervisor)
        Ticket busy = dispatched(create("其他", "西北"));
        tickets.assign(busy.id(), "net-a", "test");
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(dispatched(create("网络故障", "华北")).assigneeId());
        }
        // b, c (least load 0), then all at 1: round robin after c wraps to a, then b, c at 1 against a at 2
        assertThat(picked).containsExactly("net-b", "net-c", "net-a", "net-b");
        assertThat(jdbc.queryForMap("select last_staff_id, turns from dispatch_round_robin where position_key = ?",
                "网络-华北|*")).containsEntry("LAST_STAFF_ID", "net-b").containsEntry("TURNS", 4L);
    }

    @Test
    void nobodyMatchesTheTicketWaitsInTheFallbackQueueAndTheRegionsSupervisorIsToldOnce() {
        Ticket t = dispatched(create("安装预约", "西南"));
        assertThat(t.status()).isEqualTo(TicketStatus.NEW);
        assertThat(t.assigneeId()).isNull();
        assertThat(jdbc.queryForMap("select outcome, queue from dispatch_decision where ticket_id = ?", t.id()))
                .containsEntry("OUTCOME", "QUEUED").containsEntry("QUEUE", "待分派");
        await().atMost(Duration.ofSeconds(20)).until(() -> im.dingTalkNotices("ding_user_001").stream()
                .anyMatch(n -> n.contains(t.number())));
        // still exactly one a while later: no second dispatch, no second notice
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> im
                .dingTalkNotices("ding_user_001").stream().filter(n -> n.contains(t.number())).count() == 1);
        assertThat(im.dingTalkNotices("ding_user_001").stream().filter(n -> n.contains(t.number())).findFirst()
                .orElseThrow()).contains("待分派").contains("no rule matched");
    }

    @Test
    void twoConcurrentDispatchesOfOneTicketAssignItOnce() throws Exception {
        Ticket t = create("硬件维修", "华南");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<TicketDispatcher.Result> run = () -> {
                go.await();
                return dispatcher.dispatch(t.id());
            };
            Future<TicketDispatcher.Result> a = pool.submit(run);
            Future<TicketDispatcher.Result> b = pool.submit(run);
            go.countDown();
            List<TicketDispatcher.Outcome> outcomes = List.of(a.get().outcome(), b.get().outcome());
            // the route dispatched it too, maybe first: at most one of the two assigned, the rest found it done
            assertThat(outcomes).containsAnyOf(TicketDispatcher.Outcome.SKIPPED);
        } finally {
            pool.shutdownNow();
        }
        Ticket done = dispatched(t);
        assertThat(done.assigneeId()).isEqualTo("hw-south");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where ticket_id = ? and event_type = 'TicketAssigned'", Integer.class,
                t.id()) == 1);
        assertThat(jdbc.queryForObject("select count(*) from status_history where ticket_id = ? and to_status = "
                + "'ASSIGNED'", Integer.class, t.id())).isEqualTo(1);
    }

    @Test
    void aTicketAssignedByHandIsLeftAlone() {
        Ticket t = create("硬件维修", "华东");
        tickets.assign(t.id(), "net-c", "test");
        assertThat(dispatcher.dispatch(t.id()).outcome()).isEqualTo(TicketDispatcher.Outcome.SKIPPED);
        assertThat(tickets.get(t.id()).assigneeId()).isEqualTo("net-c");
    }
}
