package org.aftersaleshub.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.ImMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's burst guarantee with a real crash: two hub JVMs on one PostgreSQL schema send a burst of assignment
 * notices to one WeCom member, whose platform silently drops anything past 30 messages a minute. One hub is killed
 * with SIGKILL while notices wait for the member's budget (parked, claimed or on its broker) and started again. At
 * the mock: every ticket's notice arrived (alone or in a digest, asserted by content), no rate-limit rejection, no
 * silent drop; in the database: no dead letter.
 *
 * <p>Each hub has its own embedded broker here (a production deployment shares one external broker), so what the
 * killed hub's broker held is delivered when it is back — which is what the restart proves.
 */
class NoticeBurstKillNineIT {

    static final String MEMBER = "WeComUser008";
    static final int TICKETS = 120;

    final ImMocks im = ImMocks.start();
    final String schema = "k9_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final List<HubProcess> hubs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (HubProcess h : hubs) {
            h.stop();
        }
        im.close();
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL, HubTestDatabases.POSTGRES_USER,
                ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    HubProcess hub(Path dataDir, Path templates, boolean makesTheKey, String name) {
        Map<String, String> p = new LinkedHashMap<>();
        im.register((key, value) -> p.put(key, String.valueOf(value.get())));
        p.put("hub.data-dir", dataDir.toString());
        p.put("spring.datasource.url", HubTestDatabases.POSTGRES_URL + "?currentSchema=" + schema);
        p.put("spring.datasource.username", HubTestDatabases.POSTGRES_USER);
        p.put("spring.datasource.password", "");
        p.put("spring.flyway.schemas", schema);
        p.put("spring.flyway.create-schemas", "true");
        p.put("hub.demo.enabled", "false");
        p.put("hub.demo.mocks.enabled", "false");
        p.put("hub.erp.connector", "");
        p.put("hub.security.create-demo-key", String.valueOf(makesTheKey));
        p.put("hub.routes-dir", Path.of("..", "routes").toAbsolutePath().normalize().toString());
        p.put("hub.routes-include", "im-notifications.yaml,im-waiting.yaml");
        p.put("hub.notify.alerts.enabled", "false");
        // a one-line assignment text (a deployment may shorten its templates so): 20 fit into a digest
        p.put("hub.notify.templates-dir", templates.toString());
        p.put("hub.connectors." + ImMocks.WECOM + ".send-budget-wait-ms", "0");
        p.put("hub.notify.waiting.lease", "5s");
        p.put("logging.level.root", "WARN");
        List<String> args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        HubProcess h = new HubProcess(HubProcess.packagedJar(), HubProcess.packagedJar().getParent()
                .resolve("notice-kill9").resolve(name), HubProcess.freePort(), args);
        hubs.add(h);
        return h;
    }

    @Test
    void aBurstToOneMemberSurvivesAKilledInstanceWithNothingLostDroppedOrDeadLettered(@TempDir Path dirA,
                                                                                    @TempDir Path dirB,
                                                                                    @TempDir Path templates)
            throws Exception {
        Files.writeString(templates.resolve("ticket-assigned.wecom.md.mustache"), "派单 {{ticketNumber}}\n",
                StandardCharsets.UTF_8);
        HubProcess a = hub(dirA, templates, true, "a");
        a.startAndAwaitReady(Duration.ofMinutes(3));
        HubProcess b = hub(dirB, templates, false, "b");
        b.startAndAwaitReady(Duration.ofMinutes(3));
        String key = Files.readString(dirA.resolve("demo-api-key.txt")).trim();
        HubApiClient apiA = new HubApiClient(a.baseUri(), key);
        HubApiClient apiB = new HubApiClient(b.baseUri(), key);

        HttpResponse<String> person = apiA.post("/api/v1/staff", "staff-1", "{\"name\":\"赵军\",\"roles\":"
                + "[\"ENGINEER\"],\"weComUserId\":\"" + MEMBER + "\",\"preferredChannel\":\"WECOM\"}");
        assertThat(person.statusCode()).as(person.body()).isEqualTo(201);
        String engineer = apiA.read(person.body()).get("id").asText();

        // the burst: tickets created and assigned through both instances, as fast as they answer
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            HubApiClient api = i % 2 == 0 ? apiA : apiB;
            HttpResponse<String> t = api.post("/api/v1/tickets", "t-" + i, "{\"channel\":\"CALL_CENTER\","
                    + "\"customerId\":\"C0001\",\"faultType\":\"制冷异常\",\"priority\":\"NORMAL\",\"region\":\"华南\","
                    + "\"device\":{\"serial\":\"SN" + i + "\",\"model\":\"AC-9\"}}");
            assertThat(t.statusCode()).as(t.body()).isEqualTo(201);
            String id = api.read(t.body()).get("id").asText();
            numbers.add(api.read(t.body()).get("number").asText());
            HttpResponse<String> assigned = api.post("/api/v1/tickets/" + id + "/assignment", "a-" + i,
                    "{\"assigneeId\":\"" + engineer + "\"}");
            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        }

        // the member has had some of it, most waits for the budget: kill A now, then bring it back
        await("first messages at the member").atMost(Duration.ofMinutes(2)).until(() -> !im.weComMessages(MEMBER)
                .isEmpty());
        assertThat(a.kill9()).as("hub A must die of SIGKILL").isEqualTo(137);
        int beforeRestart = delivered(numbers).size();
        a.startAndAwaitReady(Duration.ofMinutes(3));

        long started = System.nanoTime();
        await("every ticket's notice at the member").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1)).until(() -> delivered(numbers).size() == TICKETS);
        Duration last = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("notice burst kill -9: %d notices, %d delivered at the kill, all %d within %d s after the "
                + "restart, in %d messages%n", TICKETS, beforeRestart, TICKETS, last.toSeconds(),
                im.weComMessages(MEMBER).size());

        assertThat(im.weCom().rateLimitRejections()).as("rate-limit rejections at the WeCom mock").isEmpty();
        assertThat(im.weCom().droppedFor(MEMBER)).as("messages WeCom dropped silently").isEmpty();
        assertThat(count("select count(*) from dead_letter")).as("dead letters").isZero();
        assertThat(count("select count(*) from delivery_journal where outcome = 'FAILED'")).as("failed attempts")
                .isZero();
    }

    /** The ticket numbers whose assignment text the member received, alone or inside a digest. */
    List<String> delivered(List<String> numbers) {
        String all = String.join("\n", im.weComMessages(MEMBER));
        return numbers.stream().filter(all::contains).toList();
    }

    long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(HubTestDatabases.POSTGRES_URL + "?currentSchema=" + schema,
                HubTestDatabases.POSTGRES_USER, ""); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
