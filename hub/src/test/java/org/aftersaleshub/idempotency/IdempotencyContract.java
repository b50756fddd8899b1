package org.aftersaleshub.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestContract;
import org.junit.jupiter.api.Test;

/** Idempotency-Key over real HTTP; effects are counted in the tables. Runs on H2 and PostgreSQL. */
public interface IdempotencyContract extends ApiTestContract {

    default String ticketFor(String customer) {
        return ApiTestClient.ticketJson().replace("C-10086", customer);
    }

    default int tickets(String customer) {
        return jdbc().queryForObject("select count(*) from ticket where customer_id = ?", Integer.class, customer);
    }

    default int createdEvents(String customer) {
        return jdbc().queryForObject("select count(*) from outbox o join ticket t on t.id = o.ticket_id "
                + "where t.customer_id = ? and o.event_type = 'TicketCreated'", Integer.class, customer);
    }

    @Test
    default void retryWithTheSameKeyReturnsTheFirstAnswerAndChangesNothing() {
        ApiTestClient api = writer();
        String customer = "C-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Answer first = api.post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);
        Answer retry = api.post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(tickets(customer)).isEqualTo(1);
        assertThat(createdEvents(customer)).isEqualTo(1);
        assertThat(jdbc().queryForObject("select response_status from idempotency_record where idem_key = ?",
                Integer.class, key)).isEqualTo(201);
    }

    @Test
    default void sameKeyWithADifferentBodyIs422NamingTheHeader() {
        ApiTestClient api = writer();
        String customer = "C-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        api.post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);

        Answer reused = api.post("/api/v1/tickets", ticketFor(customer).replace("HIGH", "LOW"), "Idempotency-Key",
                key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("detail").asText()).contains("Idempotency-Key");
        assertThat(reused.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(tickets(customer)).isEqualTo(1);
    }

    @Test
    default void concurrentRequestsWithTheSameKeyHaveOneEffectAndTheSameAnswer() throws Exception {
        ApiTestClient api = writer();
        String customer = "C-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(() -> {
                    start.await();
                    return api.post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);
                });
            }
            List<Future<Answer>> futures = new ArrayList<>();
            calls.forEach(c -> futures.add(pool.submit(c)));
            start.countDown();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> ids = new HashSet<>();
        for (Answer a : answers) {
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            ids.add(a.json().get("id").asText());
        }
        assertThat(ids).hasSize(1);
        assertThat(tickets(customer)).isEqualTo(1);
        assertThat(createdEvents(customer)).isEqualTo(1);
    }

    @Test
    default void keysBelongToOneApiKeyOnly() {
        String customer = "C-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Answer mine = writer().post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);
        Answer theirs = client("other-writer", ApiScope.TICKETS_WRITE)
                .post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
        assertThat(tickets(customer)).isEqualTo(2);
    }

    @Test
    default void anErrorAnswerIsNotKeptSoTheFixedRequestMayUseTheSameKey() {
        ApiTestClient api = writer();
        String customer = "C-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Answer invalid = api.post("/api/v1/tickets", ticketFor(customer).replace("\"HIGH\"", "\"SUPER\""),
                "Idempotency-Key", key);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(jdbc().queryForObject("select count(*) from idempotency_record where idem_key = ?",
                Integer.class, key)).isZero();

        Answer fixed = api.post("/api/v1/tickets", ticketFor(customer), "Idempotency-Key", key);
        assertThat(fixed.status()).isEqualTo(201);
        assertThat(tickets(customer)).isEqualTo(1);
    }

    @Test
    default void aRetriedStatusChangeReturnsTheFirstAnswerInsteadOfAnIllegalTransition() {
        ApiTestClient api = writer();
        String id = api.post("/api/v1/tickets", ApiTestClient.ticketJson()).json().get("id").asText();
        api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-1\"}");
        String key = UUID.randomUUID().toString();

        Answer first = api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"ACCEPTED\"}", "Idempotency-Key",
                key);
        Answer retry = api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"ACCEPTED\"}", "Idempotency-Key",
                key);
        Answer withoutKey = api.post("/api/v1/tickets/" + id + "/status", "{\"status\":\"ACCEPTED\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(withoutKey.status()).isEqualTo(409);
        assertThat(jdbc().queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketAccepted'", Integer.class, id)).isEqualTo(1);
    }
}
