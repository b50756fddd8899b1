package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pipeline page shows, per route and target, the deliveries in retry now and the last error, from the journal. */
class PipelineRetriesTest extends ConsoleTestSupport {

    @Test
    void retryingCountsOnlyDeliveriesWhoseLatestAttemptFailedAndTheLastErrorIsTheNewest() {
        String target = "erp-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minusSeconds(60);
        attempt("e1", target, 1, "FAILED", 503, "HTTP 503 busy", t0);
        attempt("e1", target, 2, "FAILED", 503, "HTTP 503 still busy", t0.plusSeconds(1));
        attempt("e2", target, 1, "FAILED", 500, "HTTP 500", t0.plusSeconds(2));
        attempt("e2", target, 2, "SUCCESS", 200, null, t0.plusSeconds(3));
        attempt("e3", target, 1, "FAILED", 502, "HTTP 502", t0.plusSeconds(4));
        attempt("e3", target, 2, "DEAD_LETTER", 400, "HTTP 400 <b>bad request</b>", t0.plusSeconds(5));
        attempt("e4", target, 1, "FAILED", 500, "too old to count", Instant.now().minus(Duration.ofHours(25)));

        ConsoleRetries.State s = retries.states(Instant.now()).stream().filter(r -> r.target().equals(target))
                .findFirst().orElseThrow();
        assertThat(s.retrying()).isEqualTo(1);
        assertThat(s.failedAttempts()).isEqualTo(5);
        assertThat(s.lastOutcome()).isEqualTo("DEAD_LETTER");
        assertThat(s.lastHttpStatus()).isEqualTo(400);

        ConsoleHttp b = new ConsoleHttp(base(), CANARIES);
        b.login(user(ConsoleRole.VIEWER, List.of()), PASSWORD);
        ConsoleHttp.Page page = b.get("/console/pipeline");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"retries\"").contains(target)
                .contains("HTTP 400 &lt;b&gt;bad request&lt;/b&gt;").doesNotContain("too old to count");
    }

    @org.springframework.beans.factory.annotation.Autowired
    ConsoleRetries retries;

    private void attempt(String event, String target, int attempt, String outcome, int status, String detail,
            Instant at) {
        jdbc.update("insert into delivery_journal (event_id, ticket_id, event_type, route_id, target, idempotency_key,"
                + " attempt, outcome, http_status, latency_ms, detail, occurred_at) values (?, null, 'PartConsumed',"
                + " 'erp-stock', ?, ?, ?, ?, ?, 12, ?, ?)", target + event, target, target + event, attempt, outcome,
                status, detail, Timestamp.from(at));
    }
}
