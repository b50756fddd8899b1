package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.ticket.StatusChange;
import org.aftersaleshub.ticket.TicketHistory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SLA compliance (SLA 达成率) and the satisfaction trend (满意度趋势): for a known data set the figures equal a
 * direct computation from the tickets, their status history and the survey answers; the API, the dashboard page and
 * the export show the same numbers.
 */
class QualityFiguresTest extends ConsoleTestSupport {

    @Autowired
    KpiService kpis;
    @Autowired
    TicketHistory history;
    @Autowired
    ApiKeyService keys;

    private final String region = "质" + UUID.randomUUID().toString().substring(0, 8);
    /** Scores by ticket and answer time, as inserted. */
    private final List<Object[]> answers = new ArrayList<>();

    @Test
    void slaComplianceEqualsTheDirectComputation() {
        List<Ticket> set = knownDataSet();
        LocalDate today = LocalDate.now(kpis.zone());

        Kpis.SlaCompliance sla = kpis.compute(today.minusDays(3), today, region, null).sla();

        // response: met 0 and 5, breached 1, pending 2 (not due) and 4 (cancelled), no deadline 3
        assertThat(sla.response()).isEqualTo(new Kpis.SlaTarget(5, 1, 2, 1, 2, 0.6667));
        // resolution: met 0, breached 1 (open and past), pending 2, 4 (cancelled) and 5 (paused), no deadline 3
        assertThat(sla.resolution()).isEqualTo(new Kpis.SlaTarget(5, 1, 1, 1, 3, 0.5));
        assertThat(sla.response()).isEqualTo(direct(set, true));
        assertThat(sla.resolution()).isEqualTo(direct(set, false));
    }

    @Test
    void satisfactionEqualsTheDirectComputationPerDayAndPerWeek() {
        knownDataSet();
        LocalDate today = LocalDate.now(kpis.zone());

        Kpis.Satisfaction daily = kpis.compute(today.minusDays(3), today, region, null).satisfaction();
        assertThat(daily.bucket()).isEqualTo("DAY");
        assertThat(daily.lowScore()).isEqualTo(2);
        assertThat(daily.answers()).isEqualTo(4);
        assertThat(daily.average()).isEqualTo(3.0);
        assertThat(daily.low()).isEqualTo(2);
        assertThat(daily.lowShare()).isEqualTo(0.5);
        assertThat(daily.trend()).isEqualTo(directTrend(false));

        Kpis.Satisfaction weekly = kpis.compute(today.minusDays(100), today, region, null).satisfaction();
        assertThat(weekly.bucket()).isEqualTo("WEEK");
        assertThat(weekly.trend()).isEqualTo(directTrend(true));
        assertThat(weekly.trend()).allSatisfy(p -> assertThat(p.start().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
        assertThat(weekly.average()).isEqualTo(3.0);

        // an answer outside the period does not count; another region's neither
        assertThat(kpis.compute(today.minusDays(30), today.minusDays(10), region, null).satisfaction().answers())
                .isZero();
        assertThat(kpis.compute(today.minusDays(3), today, region + "x", null).satisfaction().answers()).isZero();
    }

    @Test
    void theApiThePageAndTheExportShowTheSameFigures() throws Exception {
        knownDataSet();
        String key = keys.create("quality-reader", List.of(ApiScope.TICKETS_READ), "test").key();
        LocalDate today = LocalDate.now(kpis.zone());
        String q = "?from=" + today.minusDays(3) + "&to=" + today + "&region="
                + URLEncoder.encode(region, StandardCharsets.UTF_8);
        String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/kpis" + q))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode k = new ObjectMapper().readTree(json);
        assertThat(k.at("/sla/response/rate").asDouble()).isEqualTo(0.6667);
        assertThat(k.at("/sla/response/breached").asLong()).isEqualTo(1);
        assertThat(k.at("/sla/resolution/rate").asDouble()).isEqualTo(0.5);
        assertThat(k.at("/sla/resolution/withoutDeadline").asLong()).isEqualTo(1);
        assertThat(k.at("/satisfaction/average").asDouble()).isEqualTo(3.0);
        assertThat(k.at("/satisfaction/answers").asLong()).isEqualTo(4);

        ConsoleHttp browser = new ConsoleHttp(base(), CANARIES);
        browser.login(user(ConsoleRole.VIEWER, List.of()), PASSWORD);
        String page = browser.get("/console/dashboard" + q).body();
        assertThat(page).contains("id=\"kpi-sla-response\">66.7%<")
                .contains("id=\"kpi-sla-response-counts\">达成 2 / 超时 1 / 未到期 2 / 无时限 1<")
                .contains("id=\"kpi-sla-resolution\">50.0%<")
                .contains("id=\"kpi-sla-resolution-counts\">达成 1 / 超时 1 / 未到期 3 / 无时限 1<")
                .contains("id=\"kpi-satisfaction\">3.00<")
                .contains("id=\"kpi-satisfaction-counts\">4 份评价，低分 (≤2) 2<")
                .contains("id=\"chart-sla\"").contains("id=\"chart-satisfaction\"");
        for (JsonNode p : k.at("/satisfaction/trend")) {
            assertThat(page).contains("<td>" + p.get("start").asText() + "</td><td><a class=\"satisfaction-bucket\"")
                    .contains(">" + p.get("answers").asLong() + "</a></td>");
        }

        ConsoleHttp.Download csv = browser.download("/console/dashboard/satisfaction.csv" + q);
        assertThat(csv.status()).isEqualTo(200);
        for (JsonNode p : k.at("/satisfaction/trend")) {
            assertThat(csv.text()).contains(p.get("start").asText() + "," + p.get("answers").asLong() + ","
                    + p.get("average").asDouble() + "," + p.get("low").asLong() + "," + p.get("lowShare").asDouble());
        }
        assertThat(browser.download("/console/dashboard/satisfaction.xlsx" + q).status()).isEqualTo(200);
        assertThat(browser.download("/console/dashboard/satisfaction.csv?from=nonsense").status()).isEqualTo(400);
    }

    /**
     * The drill-down: every SLA verdict and the satisfaction links list exactly the tickets the figure counted, on
     * the console (the dashboard's links) and through the API's filters; bad values are 400 naming the parameter.
     */
    @Test
    void theFiltersListTheTicketsBehindEachFigure() throws Exception {
        List<Ticket> set = knownDataSet();
        LocalDate today = LocalDate.now(kpis.zone());
        String q = "?from=" + today.minusDays(3) + "&to=" + today + "&region="
                + URLEncoder.encode(region, StandardCharsets.UTF_8);
        ConsoleHttp browser = new ConsoleHttp(base(), CANARIES);
        browser.login(user(ConsoleRole.VIEWER, List.of()), PASSWORD);
        String dashboard = browser.get("/console/dashboard" + q).body();
        String key = keys.create("quality-filter", List.of(ApiScope.TICKETS_READ), "test").key();
        // the same verdicts as slaComplianceEqualsTheDirectComputation, ticket by ticket
        Map<String, List<Integer>> expected = new TreeMap<>(Map.of(
                "RESPONSE MET", List.of(0, 5), "RESPONSE BREACHED", List.of(1), "RESPONSE PENDING", List.of(2, 4),
                "RESPONSE NONE", List.of(3), "RESOLUTION MET", List.of(0), "RESOLUTION BREACHED", List.of(1),
                "RESOLUTION PENDING", List.of(2, 4, 5), "RESOLUTION NONE", List.of(3)));
        for (Map.Entry<String, List<Integer>> e : expected.entrySet()) {
            String kind = e.getKey().split(" ")[0];
            String verdict = e.getKey().split(" ")[1];
            String link = "/console/tickets" + q + "&slaKind=" + kind + "&sla=" + verdict;
            assertThat(dashboard).as("tile link " + e.getKey()).contains("id=\"sla-" + kind.toLowerCase()
                    + "-" + verdict.toLowerCase() + "\" href=\"" + link.replace("&", "&amp;") + "\"");
            assertThat(numbersOn(browser.get(link).body(), set)).as(link).isEqualTo(e.getValue());
            assertThat(apiNumbers(key, "region=" + URLEncoder.encode(region, StandardCharsets.UTF_8) + "&slaKind="
                    + kind + "&sla=" + verdict, set)).as("API " + e.getKey()).isEqualTo(e.getValue());
        }
        // satisfaction: 0 → 5 and 1 → 1 a minute ago, 2 → 2 and 5 → 4 two days ago; low is ≤ 2
        String answered = "&answeredFrom=" + today.minusDays(3) + "&answeredTo=" + today;
        assertThat(numbersOn(browser.get("/console/tickets?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8)
                + answered + "&satisfactionMax=2").body(), set)).isEqualTo(List.of(1, 2));
        assertThat(dashboard).contains("id=\"satisfaction-low\"");
        assertThat(numbersOn(browser.get("/console/tickets?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8)
                + "&satisfaction=4").body(), set)).isEqualTo(List.of(5));
        assertThat(apiNumbers(key, "region=" + URLEncoder.encode(region, StandardCharsets.UTF_8) + "&satisfactionMax=2",
                set)).isEqualTo(List.of(1, 2));
        assertThat(apiNumbers(key, "region=" + URLEncoder.encode(region, StandardCharsets.UTF_8) + "&answeredFrom="
                + Instant.now().minus(Duration.ofHours(1)), set)).isEqualTo(List.of(0, 1));

        for (String bad : List.of("sla=LATE&slaKind=RESPONSE", "sla=MET", "satisfaction=6", "satisfactionMax=0",
                "answeredFrom=yesterday")) {
            String field = bad.equals("sla=MET") ? "slaKind" : bad.substring(0, bad.indexOf('=')).replace("=", "");
            ConsoleHttp.Page page = browser.get("/console/tickets?" + bad, "application/json");
            assertThat(page.status()).as(bad).isEqualTo(400);
            assertThat(page.body()).as(bad).contains("\"detail\":\"" + field + ": ");
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base() + "/api/v1/tickets?" + bad)).header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as("API " + bad).isEqualTo(400);
            assertThat(api.body()).as("API " + bad).contains("\"field\":\"" + field + "\"");
        }
    }

    /** Which of the set's tickets (by index) a console ticket list shows. */
    private static List<Integer> numbersOn(String page, List<Ticket> set) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (page.contains(">" + set.get(i).number() + "</a>")) {
                found.add(i);
            }
        }
        return found;
    }

    private List<Integer> apiNumbers(String key, String query, List<Ticket> set) throws Exception {
        String json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/tickets?"
                + query)).header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode items = new ObjectMapper().readTree(json).get("items");
        assertThat(items).as(json).isNotNull();
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            for (JsonNode t : items) {
                if (t.get("id").asText().equals(set.get(i).id())) {
                    found.add(i);
                }
            }
        }
        return found;
    }

    /**
     * Six tickets created an hour ago: 0 meets both deadlines; 1 is accepted after its response deadline and still
     * open past its resolution deadline; 2 is open with both deadlines ahead; 3 has no deadlines; 4 is cancelled
     * unaccepted past both; 5 is accepted in time and waits for parts (resolution paused, no resolution deadline).
     * Survey answers: 0 → 5 and 1 → 1 a minute ago, 2 → 2 and 5 → 4 two days ago.
     */
    private List<Ticket> knownDataSet() {
        List<Ticket> set = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            set.add(ticket(region, "sla " + i));
        }
        to(set.get(0), TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED);
        to(set.get(1), TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS);
        to(set.get(5), TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_PARTS);
        tickets.changeStatus(set.get(4).id(), TicketStatus.CANCELLED, "客户取消", "test");
        Instant now = Instant.now();
        Duration hour = Duration.ofHours(1);
        for (Ticket t : set) {
            jdbc.update("update ticket set created_at = ? where id = ?", ts(t.createdAt().minus(hour)), t.id());
            jdbc.update("update ticket_kpi set created_at = ? where ticket_id = ?", ts(t.createdAt().minus(hour)),
                    t.id());
            jdbc.update("delete from ticket_sla where ticket_id = ?", t.id());
            jdbc.update("update ticket_kpi set resolution_paused = false where ticket_id = ?", t.id());
        }
        due(set.get(0), now.plus(hour), now.plus(hour));
        due(set.get(1), firstReached(set.get(1), TicketStatus.ACCEPTED).minusSeconds(1), now.minus(hour));
        due(set.get(2), now.plus(hour), now.plus(hour.multipliedBy(5)));
        due(set.get(3), null, null);
        due(set.get(4), now.minus(hour), now.minus(hour));
        due(set.get(5), now.plus(hour), null);
        jdbc.update("insert into ticket_sla (ticket_id, paused_since, paused_seconds, updated_at) values (?, ?, 0, ?)",
                set.get(5).id(), ts(now), ts(now));
        // as TicketKpiFacts writes it with the SLA engine's pause (SlaFactsInStepTest: the live writer)
        jdbc.update("update ticket_kpi set resolution_paused = true where ticket_id = ?", set.get(5).id());
        answer(set.get(0), 5, now.minusSeconds(60));
        answer(set.get(1), 1, now.minusSeconds(60));
        answer(set.get(2), 2, now.minus(Duration.ofDays(2)));
        answer(set.get(5), 4, now.minus(Duration.ofDays(2)));
        return set;
    }

    private void to(Ticket t, TicketStatus... steps) {
        tickets.assign(t.id(), "E-1", "test");
        for (TicketStatus s : steps) {
            tickets.changeStatus(t.id(), s, s == TicketStatus.RESOLVED ? "修好了" : null, "test");
        }
    }

    /** Deadlines as the SLA engine would set them, on the ticket and (as TicketKpiFacts does) its fact row. */
    private void due(Ticket t, Instant response, Instant resolution) {
        jdbc.update("update ticket set response_due_at = ?, resolution_due_at = ? where id = ?", ts(response),
                ts(resolution), t.id());
        jdbc.update("update ticket_kpi set response_due_at = ?, resolution_due_at = ? where ticket_id = ?",
                ts(response), ts(resolution), t.id());
    }

    private void answer(Ticket t, int score, Instant at) {
        jdbc.update("insert into ticket_survey (ticket_id, requested_at, expires_at, answered_at, score) values"
                + " (?, ?, ?, ?, ?)", t.id(), ts(at.minusSeconds(60)), ts(at.plus(Duration.ofDays(7))), ts(at), score);
        jdbc.update("update ticket set satisfaction_score = ? where id = ?", score, t.id());
        answers.add(new Object[] {score, at});
    }

    private Instant firstReached(Ticket t, TicketStatus status) {
        return history.history(t.id()).stream().filter(c -> c.toStatus() == status).map(StatusChange::changedAt)
                .findFirst().orElse(null);
    }

    /** The definitions of docs/console.md, from the ticket row, its status history and its SLA row. */
    private Kpis.SlaTarget direct(List<Ticket> set, boolean response) {
        Instant now = Instant.now();
        long with = 0;
        long without = 0;
        long met = 0;
        long breached = 0;
        for (Ticket t : set) {
            String status = jdbc.queryForObject("select status from ticket where id = ?", String.class, t.id());
            java.time.OffsetDateTime dueTs = jdbc.queryForObject("select " + (response ? "response_due_at"
                    : "resolution_due_at") + " from ticket where id = ?", java.time.OffsetDateTime.class, t.id());
            boolean paused = !response && jdbc.queryForObject("select count(*) from ticket_sla where ticket_id = ?"
                    + " and paused_since is not null", Long.class, t.id()) > 0;
            if (dueTs == null && !paused) {
                without++;
                continue;
            }
            with++;
            if (dueTs == null) {
                continue; // paused: pending
            }
            Instant due = dueTs.toInstant();
            Instant reached = firstReached(t, response ? TicketStatus.ACCEPTED : TicketStatus.RESOLVED);
            if (reached != null) {
                if (reached.isAfter(due)) {
                    breached++;
                } else {
                    met++;
                }
            } else if (due.isBefore(now) && !"CANCELLED".equals(status)) {
                breached++;
            }
        }
        return new Kpis.SlaTarget(with, without, met, breached, with - met - breached,
                met + breached == 0 ? null : Math.round(10000.0 * met / (met + breached)) / 10000.0);
    }

    /** Per answer day in the database session's zone (the JVM's, for H2), or per Monday of its week. */
    private List<Kpis.SatisfactionPoint> directTrend(boolean weekly) {
        Map<LocalDate, List<Integer>> byDay = new TreeMap<>();
        for (Object[] a : answers) {
            LocalDate day = LocalDate.ofInstant((Instant) a[1], ZoneId.systemDefault());
            if (weekly) {
                day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            }
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add((Integer) a[0]);
        }
        List<Kpis.SatisfactionPoint> points = new ArrayList<>();
        byDay.forEach((day, scores) -> {
            long low = scores.stream().filter(s -> s <= 2).count();
            double avg = scores.stream().mapToInt(Integer::intValue).average().orElseThrow();
            points.add(new Kpis.SatisfactionPoint(day, scores.size(), Math.round(avg * 100) / 100.0, low,
                    Math.round(10000.0 * low / scores.size()) / 10000.0));
        });
        return points;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
