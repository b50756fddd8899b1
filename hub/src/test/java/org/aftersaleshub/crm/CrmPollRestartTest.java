package org.aftersaleshub.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.HubApplication;
import org.aftersaleshub.connector.camel.ConnectorInstances;
import org.aftersaleshub.connector.crm.CrmConnector;
import org.aftersaleshub.connector.crm.fxiaoke.FxiaokeConnector;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The polling reconciliation's cursor across a restart: changes made in the CRM while the hub is down (no callback
 * reaches it) are all picked up by the next start's poll, each once, and later polls read nothing again. The restart
 * closes the Spring context and opens a new one on the same H2 file.
 */
class CrmPollRestartTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    FxiaokeMock crmMock;
    Path dataDir;
    ConfigurableApplicationContext hub;

    @BeforeEach
    void start() throws Exception {
        crmMock = CrmMocks.start();
        // no callback URL: only the poll can bring changes in
        crmMock.settings().callback.url = null;
        dataDir = Files.createTempDirectory("hub-crm-poll-");
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        crmMock.close();
    }

    @Test
    void changesMadeWhileTheHubWasDownArePickedUpAfterTheRestartOnce() {
        // the first hub polls only when asked: after the three demo customers are in its table
        hub = startHub("1h");
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        for (String id : List.of("C0001", "C0002", "C0003")) {
            insertCustomer(jdbc, id);
        }
        // the first poll reads every record once, links the three customers and leaves a cursor behind
        CrmPoller poller = hub.getBean(CrmPoller.class);
        assertThat(poller.poll()).isEqualTo(crmMock.state().get("objectCounts") instanceof Map<?, ?> m
                ? ((Number) m.get("AccountObj")).intValue() : -1);
        assertThat(jdbc.queryForObject("select count(*) from customer where crm_id is not null", Integer.class))
                .isEqualTo(3);
        assertThat(poller.poll()).as("a second poll reads nothing").isZero();
        assertThat(jdbc.queryForList("select modified_at from crm_sync_cursor", Long.class)).hasSize(1);
        long lastEventBefore = jdbc.queryForObject("select coalesce(max(id), 0) from outbox", Long.class);
        hub.close();
        hub = null;

        // while the hub is down, the CRM changes three customers (and one twice): someone working in the CRM
        ConnectorInstances side = new ConnectorInstances();
        CrmConnector crm = side.start("crm-user", new FxiaokeConnector(), Map.of(
                "fxiaoke.base-url", crmMock.baseUrl(), "fxiaoke.app-id", "FSAID_13189e1aftersalesdemo",
                "fxiaoke.app-secret", "demo-fxiaoke-app-secret-aftersales-hub",
                "fxiaoke.permanent-code", "demo-fxiaoke-permanent-code-0001",
                "fxiaoke.open-user-id", "FSUID_aftersalesdemo1000")).connector().as(CrmConnector.class).orElseThrow();
        updateName(crm, "C0001", "上海精工机械股份有限公司");
        updateName(crm, "C0002", "广州华信制冷设备有限公司");
        updateName(crm, "C0002", "广州华信制冷集团");
        updateName(crm, "C0003", "北京某某（新）");
        side.stopAll();

        hub = startHub("300ms");
        JdbcTemplate again = hub.getBean(JdbcTemplate.class);
        await().atMost(WAIT).until(() -> "上海精工机械股份有限公司".equals(name(again, "C0001"))
                && "广州华信制冷集团".equals(name(again, "C0002")) && "北京某某（新）".equals(name(again, "C0003")));
        CrmPoller restartedPoller = hub.getBean(CrmPoller.class);
        long after = restartedPoller.completedPolls();
        // two more polls: nothing is read again
        await().atMost(WAIT).until(() -> restartedPoller.completedPolls() >= after + 2);
        for (String id : List.of("C0001", "C0002", "C0003")) {
            assertThat(again.queryForObject("select count(*) from outbox where event_type = 'CustomerChanged' and "
                    + "payload like ? and id > ?", Integer.class, "%\"id\":\"" + id + "\"%", lastEventBefore))
                    .as(id + " changed once after the restart").isEqualTo(1);
        }
        assertThat(restartedPoller.recordsRead()).as("from the persisted cursor: the three changed records only")
                .isEqualTo(3);
        assertThat(restartedPoller.poll()).as("records read by one more poll").isZero();
    }

    @Test
    void whileAnotherHubInstanceHoldsThePollNobodyElsePolls() {
        hub = startHub("1h");
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        CrmPoller poller = hub.getBean(CrmPoller.class);
        // another hub instance on the same database is polling: its ShedLock row is held
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into crm_sync_lock (name, lock_until, locked_at, locked_by) values (?, ?, ?, 'hub-b')",
                "crm-poll:" + CrmMocks.INSTANCE, Timestamp.from(Instant.now().plusSeconds(600)), now);
        assertThat(poller.poll()).as("not this instance's turn").isEqualTo(-1);
        assertThat(jdbc.queryForList("select modified_at from crm_sync_cursor", Long.class)).isEmpty();

        // hub-b finished (or its lease ran out): this instance polls
        jdbc.update("update crm_sync_lock set lock_until = ? where name = ?", now, "crm-poll:" + CrmMocks.INSTANCE);
        assertThat(poller.poll()).isPositive();
        assertThat(jdbc.queryForList("select modified_at from crm_sync_cursor", Long.class)).hasSize(1);
    }

    ConfigurableApplicationContext startHub(String pollInitialDelay) {
        Map<String, String> p = new LinkedHashMap<>(CrmMocks.hubProperties(crmMock));
        p.put("hub.data-dir", dataDir.toString());
        p.put("hub.demo.enabled", "false");
        p.put("hub.demo.mocks.enabled", "false");
        p.put("hub.erp.connector", "");
        p.put("server.port", "0");
        p.put("hub.routes-dir", "../routes");
        p.put("hub.routes-include", "crm-*.yaml");
        p.put("hub.crm.poll.initial-delay", pollInitialDelay);
        p.put("hub.crm.poll.interval", "300ms");
        List<String> args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        return new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
    }

    static void insertCustomer(JdbcTemplate jdbc, String id) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into customer (id, name, source, created_at, updated_at, version) values (?, ?, 'IMPORT', "
                + "?, ?, 1)", id, "客户" + id, now, now);
    }

    static void updateName(CrmConnector crm, String accountNo, String name) {
        assertThat(crm.upsertByExternalKey("AccountObj", "account_no", accountNo, Map.of("name", name)).written())
                .isTrue();
    }

    static String name(JdbcTemplate jdbc, String id) {
        return jdbc.queryForObject("select name from customer where id = ?", String.class, id);
    }
}
