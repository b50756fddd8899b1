package org.aftersaleshub.console;

import static org.aftersaleshub.support.Database.instant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.timers.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The KPI fact row keeps the SLA engine's deadlines and pause (V18): with the shipped rules/sla.yaml and a movable
 * clock, a priority change and a WAITING_PARTS pause move the SLA compliance figures, and after every change the
 * fact row holds what the ticket row and its SLA row hold (what the compliance query read before V18). Runs on H2
 * ({@link SlaFactsInStepTest}) and PostgreSQL ({@link SlaFactsInStepPostgresTest}).
 */
abstract class SlaFactsInStepTestBase {

    @Autowired
    TicketService tickets;
    @Autowired
    KpiService kpis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    private final String region = "步" + UUID.randomUUID().toString().substring(0, 8);

    static void common(DynamicPropertyRegistry r, Path dir) {
        r.add("hub.routes-dir", () -> {
            try {
                return Files.createDirectories(dir.resolve("routes")).toString(); // no routes: not about delivery
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        r.add("hub.rules.dir", () -> "../rules");
        r.add("hub.clock.test-offset", () -> "0s");
        r.add("hub.timers.scan-interval", () -> "1h"); // nothing fires: the figures are judged at the clock only
    }

    @Test
    void aPriorityChangeMovesTheDeadlinesInTheFactRowAndTheFigure() {
        // HIGH: 2 h to respond, 1 d to resolve (24x7)
        Ticket t = ticket(Priority.HIGH);
        assertInStep(t.id());
        assertThat(sla().response()).isEqualTo(new Kpis.SlaTarget(1, 0, 0, 0, 1, null));

        advance(Duration.ofMinutes(90));
        assertThat(sla().response()).as("90 min of 2 h").isEqualTo(new Kpis.SlaTarget(1, 0, 0, 0, 1, null));

        // URGENT: 1 h to respond — already past
        tickets.changePriority(t.id(), Priority.URGENT, "客户升级", "test");
        assertInStep(t.id());
        assertThat(fact(t.id(), "response_due_at")).isEqualTo(t.createdAt().plus(Duration.ofHours(1)));
        assertThat(sla().response()).as("breached after the change")
                .isEqualTo(new Kpis.SlaTarget(1, 0, 0, 1, 0, 0.0));

        // an assignment recomputes too; the verdict stays
        tickets.assign(t.id(), "E-step", "test");
        assertInStep(t.id());
        tickets.changeStatus(t.id(), TicketStatus.ACCEPTED, null, "test");
        assertInStep(t.id());
        assertThat(sla().response()).isEqualTo(new Kpis.SlaTarget(1, 0, 0, 1, 0, 0.0));
    }

    @Test
    void aPauseKeepsTheResolutionPendingAndTheResumeMovesItsDeadline() {
        // URGENT: 8 h to resolve, paused while WAITING_PARTS
        Ticket t = ticket(Priority.URGENT);
        tickets.assign(t.id(), "E-step", "test");
        tickets.changeStatus(t.id(), TicketStatus.ACCEPTED, null, "test");
        tickets.changeStatus(t.id(), TicketStatus.IN_PROGRESS, null, "test");
        tickets.changeStatus(t.id(), TicketStatus.WAITING_PARTS, "等备件", "test");
        assertInStep(t.id());
        assertThat(fact(t.id(), "resolution_due_at")).isNull();
        assertThat(jdbc.queryForObject("select resolution_paused from ticket_kpi where ticket_id = ?", Boolean.class,
                t.id())).isTrue();

        advance(Duration.ofHours(10)); // past the unpaused 8 h
        assertThat(sla().resolution()).as("paused: pending, with a deadline")
                .isEqualTo(new Kpis.SlaTarget(1, 0, 0, 0, 1, null));

        tickets.changeStatus(t.id(), TicketStatus.IN_PROGRESS, null, "test");
        assertInStep(t.id());
        Instant due = fact(t.id(), "resolution_due_at");
        assertThat(due).as("8 h + the 10 h paused").isAfter(clock.instant());
        assertThat(sla().resolution()).as("resumed, not yet due").isEqualTo(new Kpis.SlaTarget(1, 0, 0, 0, 1, null));

        tickets.changeStatus(t.id(), TicketStatus.RESOLVED, "修好了", "test");
        assertInStep(t.id());
        assertThat(sla().resolution()).as("resolved within the moved deadline")
                .isEqualTo(new Kpis.SlaTarget(1, 0, 1, 0, 0, 1.0));
    }

    @Test
    void aCancelledTicketIsNotJudged() {
        Ticket t = ticket(Priority.URGENT);
        advance(Duration.ofHours(2));
        assertThat(sla().response().breached()).isEqualTo(1);
        tickets.cancel(t.id(), "客户取消", "test");
        assertInStep(t.id());
        assertThat(sla().response()).isEqualTo(new Kpis.SlaTarget(1, 0, 0, 0, 1, null));
    }

    @Test
    void v18sBackfillWritesWhatTheLiveWriterWrites() throws Exception {
        Ticket paused = ticket(Priority.URGENT);
        tickets.assign(paused.id(), "E-step", "test");
        tickets.changeStatus(paused.id(), TicketStatus.ACCEPTED, null, "test");
        tickets.changeStatus(paused.id(), TicketStatus.IN_PROGRESS, null, "test");
        tickets.changeStatus(paused.id(), TicketStatus.WAITING_PARTS, "等备件", "test");
        Ticket cancelled = ticket(Priority.HIGH);
        tickets.cancel(cancelled.id(), "客户取消", "test");
        Ticket raised = ticket(Priority.NORMAL);
        tickets.changePriority(raised.id(), Priority.HIGH, "升级", "test");
        Object[] ids = {paused.id(), cancelled.id(), raised.id()};
        String columns = "select ticket_id, response_due_at, resolution_due_at, resolution_paused, cancelled"
                + " from ticket_kpi where ticket_id in (?, ?, ?) order by ticket_id";
        var live = jdbc.queryForList(columns, ids);
        assertThat(live).hasSize(3);
        assertThat(live).anyMatch(r -> Boolean.TRUE.equals(r.get("resolution_paused")))
                .anyMatch(r -> Boolean.TRUE.equals(r.get("cancelled")));

        jdbc.update("update ticket_kpi set response_due_at = null, resolution_due_at = null,"
                + " resolution_paused = false, cancelled = false where ticket_id in (?, ?, ?)", ids);
        String v18 = Files.readString(Path.of("src/main/resources/db/migration/V18__ticket_kpi_deadlines.sql"));
        int start = v18.indexOf("update ticket_kpi set (");
        jdbc.update(v18.substring(start, v18.indexOf(';', start)) + " where ticket_id in (?, ?, ?)", ids);

        assertThat(jdbc.queryForList(columns, ids)).isEqualTo(live);
    }

    private Ticket ticket(Priority priority) {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C-step", null, "制冷异常", "步骤", priority,
                region, null, null, null), "test");
    }

    private Kpis.SlaCompliance sla() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), kpis.zone());
        return kpis.compute(today.minusDays(2), today, region, null).sla();
    }

    private void advance(Duration d) {
        ((MovableClock) clock).advance(d);
    }

    /** The fact row holds the ticket's deadlines, its pause (ticket_sla) and its cancellation. */
    private void assertInStep(String id) {
        Map<String, Object> source = jdbc.queryForMap("select t.response_due_at, t.resolution_due_at,"
                + " coalesce((select s.paused_since is not null from ticket_sla s where s.ticket_id = t.id), false)"
                + " as paused, t.status from ticket t where t.id = ?", id);
        Map<String, Object> fact = jdbc.queryForMap("select response_due_at, resolution_due_at, resolution_paused,"
                + " cancelled from ticket_kpi where ticket_id = ?", id);
        assertThat(instant(fact.get("response_due_at"))).isEqualTo(instant(source.get("response_due_at")));
        assertThat(instant(fact.get("resolution_due_at"))).isEqualTo(instant(source.get("resolution_due_at")));
        assertThat(fact.get("resolution_paused")).isEqualTo(source.get("paused"));
        assertThat(fact.get("cancelled")).isEqualTo("CANCELLED".equals(source.get("status")));
    }

    private Instant fact(String id, String column) {
        return instant(jdbc.queryForMap("select " + column + " from ticket_kpi where ticket_id = ?", id).get(column));
    }
}
