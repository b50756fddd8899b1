package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Sign-in, CSRF, lockout, roles and the audit log of the console, over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSecurityTest extends ConsoleTestSupport {

    @Autowired
    AuditLog audit;
    @Autowired
    DemoConsoleAdmin demoAdmin;

    ConsoleHttp browser() {
        return new ConsoleHttp(base(), CANARIES);
    }

    @Test
    void anonymousBrowsersGoToTheLoginAndOtherClientsGetA401Problem() {
        ConsoleHttp b = browser();
        ConsoleHttp.Page page = b.get("/console/tickets");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/console/login");
        assertThat(b.get("/").location()).endsWith("/console/login");

        ConsoleHttp.Page json = b.get("/console/tickets", "application/json");
        assertThat(json.status()).isEqualTo(401);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(json.body()).contains("urn:aftersales-hub:problem:unauthorized");

        ConsoleHttp.Page login = b.get("/console/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("用户名").contains("name=\"_csrf\"");
    }

    @Test
    void theApiKeepsItsOwnStatelessKeySecurity() {
        ConsoleHttp.Page api = browser().get("/api/v1/tickets", "application/json");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void signInWorksAndIsAuditedAndSignOutEndsTheSession() {
        String name = user(ConsoleRole.ADMIN, List.of());
        ConsoleHttp b = browser();
        ConsoleHttp.Page in = b.login(name, PASSWORD);
        assertThat(in.status()).isEqualTo(302);
        assertThat(in.location()).endsWith("/console/dashboard");
        ConsoleHttp.Page dashboard = b.get("/console/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("服务看板").contains(name);
        assertThat(audit.recent("console.login", 50)).anySatisfy(e -> assertThat(e.actor()).isEqualTo("console:" + name));

        ConsoleHttp.Page out = b.post("/console/logout", Map.of(), "/console/dashboard");
        assertThat(out.location()).endsWith("/console/login?logout");
        assertThat(b.get("/console/dashboard").status()).isEqualTo(302);
        assertThat(audit.recent("console.logout", 50)).anySatisfy(e -> assertThat(e.actor()).isEqualTo("console:" + name));
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        String name = user(ConsoleRole.ADMIN, List.of());
        ConsoleHttp b = browser();
        assertThat(b.post("/console/login", Map.of("username", name, "password", PASSWORD), null).status())
                .isEqualTo(403);
        b.login(name, PASSWORD);
        assertThat(b.post("/console/dead-letters/bulk-replay", Map.of(), null).status()).isEqualTo(403);
        assertThat(b.post("/console/logout", Map.of(), null).status()).isEqualTo(403);
        assertThat(b.get("/console/dashboard").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void repeatedFailuresLockTheAccountInTheDatabaseEvenForTheRightPassword() {
        String name = user(ConsoleRole.VIEWER, List.of());
        ConsoleHttp b = browser();
        assertThat(b.login(name, "wrong-password-1").location()).endsWith("?error");
        assertThat(b.login(name, "wrong-password-2").location()).endsWith("?error");
        assertThat(b.login(name, "wrong-password-3").location()).endsWith("?locked");

        assertThat(b.login(name, PASSWORD).location()).as("locked: the right password is refused too")
                .endsWith("?locked");
        assertThat(b.get("/console/dashboard").status()).isEqualTo(302);
        assertThat(users.find(name).orElseThrow().lockedUntil()).isAfter(java.time.Instant.now());
        assertThat(audit.recent("console.lockout", 50)).anySatisfy(e ->
                assertThat(e.target()).isEqualTo("console-user/" + name));

        // another instance reads the same row: once the lock is lifted there, the right password works again
        jdbc.update("update console_user set locked_until = null where username = ?", name);
        assertThat(browser().login(name, PASSWORD).location()).endsWith("/console/dashboard");
    }

    @Test
    void aViewerSeesNoReplayButtonAndTheServerRefusesTheirPost() {
        jdbc.update("insert into dead_letter (event_id, ticket_id, event_type, route_id, source_queue, target,"
                + " idempotency_key, payload, error, attempts, status, created_at) values ('e-viewer', null,"
                + " 'TicketCreated', 'outbound-webhook', 'hub.events::outbound-webhook', 'flaky', 'k-viewer', '{}',"
                + " 'HTTP 500', 2, 'OPEN', current_timestamp)");
        long id = jdbc.queryForObject("select id from dead_letter where event_id = 'e-viewer'", Long.class);
        String name = user(ConsoleRole.VIEWER, List.of());
        ConsoleHttp b = browser();
        b.login(name, PASSWORD);
        ConsoleHttp.Page list = b.get("/console/dead-letters");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("k-viewer").doesNotContain("replay-" + id).doesNotContain("bulk-replay");

        ConsoleHttp.Page refused = b.post("/console/dead-letters/" + id + "/replay", Map.of(), "/console/dead-letters");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("无权限");
        assertThat(b.get("/console/dead-letters/bulk-replay").status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select status from dead_letter where id = ?", String.class, id))
                .isEqualTo("OPEN");
    }

    @Test
    void aSupervisorSeesOnlyTheTicketsOfTheirRegions() {
        var east = ticket("华东", "east");
        var north = ticket("华北", "north");
        String name = user(ConsoleRole.SUPERVISOR, List.of("华东"));
        ConsoleHttp b = browser();
        b.login(name, PASSWORD);
        ConsoleHttp.Page list = b.get("/console/tickets");
        assertThat(list.body()).contains(east.number()).doesNotContain(north.number());
        assertThat(b.get("/console/tickets/" + east.id()).status()).isEqualTo(200);
        assertThat(b.get("/console/tickets/" + north.id()).status()).isEqualTo(404);
    }

    @Test
    void aSupervisorAssignsTicketsOfTheirRegionOnlyAndAViewerNot() {
        var east = ticket("华东", "assign me");
        var north = ticket("华北", "not yours");
        String sup = user(ConsoleRole.SUPERVISOR, List.of("华东"));
        ConsoleHttp b = browser();
        b.login(sup, PASSWORD);
        String page = "/console/tickets/" + east.id();
        ConsoleHttp.Page done = b.post(page + "/assign", Map.of("assignee", "eng-007"), page);
        assertThat(done.status()).isEqualTo(302);
        assertThat(tickets.get(east.id()).status().name()).isEqualTo("ASSIGNED");
        assertThat(tickets.get(east.id()).assigneeId()).isEqualTo("eng-007");
        assertThat(b.get(page).body()).contains("已派单给 eng-007");
        assertThat(audit.recent("ticket.assign", 50)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("console:" + sup);
            assertThat(e.target()).isEqualTo("ticket/" + east.id());
        });
        assertThat(b.post("/console/tickets/" + north.id() + "/assign", Map.of("assignee", "eng-007"), page).status())
                .isEqualTo(404);
        assertThat(b.post(page + "/assign", Map.of("assignee", "<script>"), page).status()).isEqualTo(400);

        ConsoleHttp viewer = browser();
        viewer.login(user(ConsoleRole.VIEWER, List.of()), PASSWORD);
        assertThat(viewer.get(page).body()).doesNotContain("assign-form");
        assertThat(viewer.post(page + "/assign", Map.of("assignee", "eng-008"), page).status()).isEqualTo(403);
        assertThat(tickets.get(east.id()).assigneeId()).isEqualTo("eng-007");
    }

    @Test
    void theEmbeddedDefaultsFirstAdminIsInAnOwnerOnlyFileAndNeverLogged(CapturedOutput output) throws Exception {
        Path file = demoAdmin.file();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readAllLines(file).stream().filter(l -> l.startsWith("password="))
                .map(l -> l.substring("password=".length())).findFirst().orElseThrow();
        ConsoleHttp b = browser();
        assertThat(b.login("admin", password).location()).endsWith("/console/dashboard");
        assertThat(output.getAll()).doesNotContain(password);
        assertThat(users.find("admin").orElseThrow().passwordHash()).startsWith("{bcrypt}");
    }
}
