package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiPostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** The console's SQL on PostgreSQL (profile prod): users and lockout, the supervisor scope, the KPI figures. */
class ConsolePostgresTest extends ApiPostgresIntegrationTest {

    @Autowired
    ConsoleUsers users;
    @Autowired
    TicketService tickets;
    @Autowired
    KpiService kpis;
    @Autowired
    ConsoleTickets consoleTickets;
    @Autowired
    DemoConsoleAdmin demoAdmin;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    Ticket ticket(String region) {
        return tickets.create(new CreateTicketRequest(Channel.CALL_CENTER, "C-pg", null, "漏水", "pg", Priority.HIGH,
                region, null, null, null), "test");
    }

    @Test
    void productionCreatesNoDemoAdminAndTheCommandPrintsTheFirstAdminsPasswordOnce() {
        assertThat(demoAdmin.file()).doesNotExist();
        GenericApplicationContext commandContext = new GenericApplicationContext();
        commandContext.refresh();
        String name = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        MockEnvironment env = new MockEnvironment().withProperty(CreateConsoleUserCommand.PROPERTY,
                name + ":supervisor:华东,华南:一组");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);

        new CreateConsoleUserCommand(env, users, commandContext, new PrintStream(out, true, StandardCharsets.UTF_8),
                exit::set).run(null);

        String password = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(exit).hasValue(0);
        ConsoleUser user = users.find(name).orElseThrow();
        assertThat(user.role()).isEqualTo(ConsoleRole.SUPERVISOR);
        assertThat(user.regions()).containsExactly("华东", "华南");
        assertThat(user.teams()).containsExactly("一组");
        assertThat(users.encoder().matches(password, user.passwordHash())).isTrue();
        assertThat(user.passwordHash()).startsWith("{bcrypt}").doesNotContain(password);
    }

    @Test
    void failuresLockInOneStatementAndSuccessResets() {
        String name = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, "a-long-enough-password", ConsoleRole.VIEWER, List.of(), List.of(), "test");
        for (int i = 1; i < 5; i++) {
            assertThat(users.recordFailure(name)).isFalse();
        }
        assertThat(users.recordFailure(name)).as("the fifth failure locks").isTrue();
        assertThat(users.find(name).orElseThrow().lockedAt(Instant.now())).isTrue();
        users.recordSuccess(name);
        assertThat(users.find(name).orElseThrow().lockedUntil()).isNull();
    }

    @Test
    void kpisAndTheSupervisorScopeOnPostgres() {
        String region = "pg-" + UUID.randomUUID().toString().substring(0, 6);
        Ticket fixed = ticket(region);
        ticket(region);
        Ticket elsewhere = ticket("pg-other-" + UUID.randomUUID().toString().substring(0, 6));
        tickets.assign(fixed.id(), "eng-pg", "test");
        tickets.changeStatus(fixed.id(), TicketStatus.ACCEPTED, null, "eng-pg");
        tickets.changeStatus(fixed.id(), TicketStatus.IN_PROGRESS, null, "eng-pg");
        tickets.changeStatus(fixed.id(), TicketStatus.WAITING_PARTS, null, "eng-pg");
        tickets.changeStatus(fixed.id(), TicketStatus.IN_PROGRESS, null, "eng-pg");
        tickets.changeStatus(fixed.id(), TicketStatus.RESOLVED, "done", "eng-pg");
        Ticket plain = ticket(region);
        Ticket reopened = ticket(region);
        for (Ticket t : List.of(plain, reopened)) {
            tickets.assign(t.id(), "eng-pg", "test");
            tickets.changeStatus(t.id(), TicketStatus.ACCEPTED, null, "eng-pg");
            tickets.changeStatus(t.id(), TicketStatus.IN_PROGRESS, null, "eng-pg");
            tickets.changeStatus(t.id(), TicketStatus.RESOLVED, "done", "eng-pg");
        }
        tickets.changeStatus(reopened.id(), TicketStatus.IN_PROGRESS, "客户反馈复发", "eng-pg");
        tickets.changeStatus(reopened.id(), TicketStatus.RESOLVED, "done again", "eng-pg");

        LocalDate today = LocalDate.now(kpis.zone());
        Kpis k = kpis.compute(today.minusDays(1), today, region, null);
        assertThat(k.ticketsCreated()).isEqualTo(4);
        assertThat(k.ticketsPerDay()).extracting(Kpis.DayCount::key).containsOnly("CALL_CENTER");
        assertThat(k.firstResponse().count()).isEqualTo(3);
        assertThat(k.firstResponse().p50Seconds()).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(k.resolution().p90Seconds()).isGreaterThanOrEqualTo(k.firstResponse().p90Seconds());
        assertThat(k.firstFix().resolved()).isEqualTo(3);
        assertThat(k.firstFix().firstTime()).as("waited for parts: a second visit; reopened: not fixed").isEqualTo(1);
        assertThat(k.backlog()).extracting(Kpis.Backlog::status).containsExactly("NEW");

        // SLA compliance and satisfaction (the fact row's deadlines, the per-day survey grouping) on PostgreSQL
        java.sql.Timestamp later = java.sql.Timestamp.from(Instant.now().plusSeconds(3600));
        java.sql.Timestamp longAgo = java.sql.Timestamp.from(Instant.now().minusSeconds(86_400));
        jdbc.update("update ticket set response_due_at = null, resolution_due_at = null where region = ?", region);
        jdbc.update("update ticket set response_due_at = ?, resolution_due_at = ? where id = ?", later, later,
                plain.id());
        jdbc.update("update ticket set response_due_at = ?, resolution_due_at = ? where id = ?", longAgo, longAgo,
                reopened.id());
        // the fact row as TicketKpiFacts keeps it with the deadlines (SlaFactsInStepPostgresTest: the live writer)
        jdbc.update("update ticket_kpi k set response_due_at = t.response_due_at,"
                + " resolution_due_at = t.resolution_due_at from ticket t where t.id = k.ticket_id and t.region = ?",
                region);
        jdbc.update("insert into ticket_survey (ticket_id, requested_at, expires_at, answered_at, score) values"
                + " (?, current_timestamp, current_timestamp, current_timestamp, 2)", plain.id());
        jdbc.update("insert into ticket_survey (ticket_id, requested_at, expires_at, answered_at, score) values"
                + " (?, current_timestamp, current_timestamp, current_timestamp, 5)", reopened.id());
        Kpis q = kpis.compute(today.minusDays(1), today, region, null);
        assertThat(q.sla().response()).isEqualTo(new Kpis.SlaTarget(2, 2, 1, 1, 0, 0.5));
        assertThat(q.sla().resolution()).isEqualTo(new Kpis.SlaTarget(2, 2, 1, 1, 0, 0.5));
        assertThat(q.satisfaction().answers()).isEqualTo(2);
        assertThat(q.satisfaction().average()).isEqualTo(3.5);
        assertThat(q.satisfaction().low()).isEqualTo(1);

        String sup = "sup-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(sup, "a-long-enough-password", ConsoleRole.SUPERVISOR, List.of(region), List.of(), "test");
        ConsolePrincipal me = new ConsolePrincipal(users.find(sup).orElseThrow(), Instant.now());
        assertThat(consoleTickets.get(fixed.id(), me)).isPresent();
        assertThat(consoleTickets.get(elsewhere.id(), me)).isEmpty();
        Kpis mine = kpis.compute(today.minusDays(1), today, null, me);
        assertThat(mine.ticketsCreated()).isEqualTo(4);
        assertThat(mine.firstFix().firstTime()).isEqualTo(1);
        assertThat(mine.sla()).isEqualTo(q.sla());
        assertThat(mine.satisfaction().answers()).isEqualTo(2);
    }
}
