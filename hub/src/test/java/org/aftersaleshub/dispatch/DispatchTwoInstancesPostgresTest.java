package org.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.aftersaleshub.HubApplication;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two hub instances (two Spring contexts) on one PostgreSQL schema dispatch alternately: the round robin position
 * and the load are the database's, so instance B continues where A left off; the same ticket dispatched by both at
 * once is assigned once.
 */
class DispatchTwoInstancesPostgresTest {

    static final String SCHEMA = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    static ConfigurableApplicationContext start(Path rules, String name) throws Exception {
        Path data = Files.createTempDirectory("hub-dispatch-" + name);
        Path routes = Files.createDirectories(data.resolve("routes")); // dispatch is called directly here
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + data, "--hub.routes-dir=" + routes, "--hub.rules.dir=" + rules,
                "--spring.datasource.url=" + HubTestDatabases.POSTGRES_URL + "?currentSchema=" + SCHEMA,
                "--spring.datasource.username=" + HubTestDatabases.POSTGRES_USER, "--spring.datasource.password=",
                "--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.create-schemas=true",
                "--spring.datasource.hikari.maximum-pool-size=5", "--server.port=0",
                "--hub.demo.enabled=false", "--hub.demo.mocks.enabled=false", "--hub.erp.connector=",
                "--hub.staff.sync.instances=", "--hub.security.create-demo-key=false",
                "--hub.console.create-demo-admin=false");
    }

    @BeforeAll
    static void startBoth() throws Exception {
        Path rules = DispatchFixture.rulesDir();
        a = start(rules, "a");
        b = start(rules, "b");
        DispatchFixture.staff(a.getBean(StaffRepository.class));
    }

    @AfterAll
    static void stopBoth() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static Ticket create(String fault, String region) {
        return a.getBean(TicketService.class).create(new CreateTicketRequest(Channel.CALL_CENTER, "C0001",
                new DeviceRef("SN000001", "AC-9"), fault, "测试", Priority.NORMAL, region, null, null, null), "test");
    }

    @Test
    void theRoundRobinPositionIsSharedByBothInstances() {
        Ticket busy = create("其他", "西北");
        a.getBean(TicketService.class).assign(busy.id(), "net-a", "test");
        List<String> picked = new ArrayList<>();
        ConfigurableApplicationContext[] turn = {a, b, a, b};
        for (ConfigurableApplicationContext instance : turn) {
            Ticket t = create("网络故障", "华北");
            picked.add(instance.getBean(TicketDispatcher.class).dispatch(t.id()).staffId());
        }
        // the third pick (on A) is a only because A sees the position B left at c: in JVM memory A would pick c
        assertThat(picked).containsExactly("net-b", "net-c", "net-a", "net-b");
        assertThat(a.getBean(JdbcTemplate.class).queryForObject("select turns from dispatch_round_robin where "
                + "position_key = ?", Long.class, "网络-华北|*")).isEqualTo(4L);
    }

    @Test
    void bothInstancesDispatchingOneTicketAssignItOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            Ticket t = create("硬件维修", "华东");
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<TicketDispatcher.Result> onA = CompletableFuture.supplyAsync(() -> {
                await(go);
                return a.getBean(TicketDispatcher.class).dispatch(t.id());
            });
            CompletableFuture<TicketDispatcher.Result> onB = CompletableFuture.supplyAsync(() -> {
                await(go);
                return b.getBean(TicketDispatcher.class).dispatch(t.id());
            });
            go.countDown();
            assertThat(List.of(onA.get().outcome(), onB.get().outcome())).containsExactlyInAnyOrder(
                    TicketDispatcher.Outcome.ASSIGNED, TicketDispatcher.Outcome.SKIPPED);
            JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                    + "'TicketAssigned'", Integer.class, t.id())).isEqualTo(1);
            assertThat(jdbc.queryForObject("select assignee_id from ticket where id = ?", String.class, t.id()))
                    .isEqualTo("hw-east");
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
