package org.aftersaleshub.connector.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.auth.TokenCache;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.http.HttpResult;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.junit.jupiter.api.Test;

/** The kit's one call loop: budget → credential → send → classify → re-auth once → backoff, bounded. */
class ApiCallerTest {

    static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);
    final AtomicInteger fetches = new AtomicInteger();

    ApiCaller<String> caller(int maxAttempts, int requestsPerSecond, long timeoutMs) {
        CommonKeys.Values limits = new CommonKeys.Values(Duration.ofMillis(timeoutMs), Duration.ofMillis(100),
                maxAttempts, Duration.ofMillis(1), Duration.ofMillis(5), requestsPerSecond);
        TokenCache<String> cache = new TokenCache<>(Clock.systemUTC(), Duration.ZERO);
        return new ApiCaller<>("test", "app", limits, new ApiCaller.Credentials<>(cache,
                new TokenCache.Key("test", "t", "app"), () -> {
                    Thread.onSpinWait();
                    return new TokenCache.Token<>("token-" + fetches.incrementAndGet(), Instant.now().plusSeconds(60));
                }), new SecretMasker(List.of("s3cr3t-value")));
    }

    static HttpResult ok(String body) {
        return new HttpResult(Outcome.SUCCESS, 200, body, NONE, "", false, Optional.empty());
    }

    static HttpResult failed(Outcome outcome, int status, String problem) {
        return new HttpResult(outcome, status, "", NONE, problem, status == 429, Optional.empty());
    }

    /** A call that answers from a script and records the credentials it was sent with. */
    static final class Scripted implements ApiCaller.Call<String, String> {
        final boolean write;
        final Deque<HttpResult> answers;
        final List<String> sentWith = new ArrayList<>();

        Scripted(boolean write, HttpResult... answers) {
            this.write = write;
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public String name() {
            return "op";
        }

        @Override
        public boolean write() {
            return write;
        }

        @Override
        public synchronized HttpResult send(String credential) {
            sentWith.add(credential);
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }

        @Override
        public Verdict<String> classify(HttpResult r) {
            if (!r.isSuccess()) {
                return Verdict.notFinal(r.outcome(), r.problem(), null);
            }
            return r.body().equals("token rejected") ? Verdict.credentialRejected("token rejected")
                    : Verdict.reply(r.body());
        }
    }

    @Test
    void aRejectedCredentialIsRenewedOnceAndTheCallRepeated() {
        ApiCaller<String> c = caller(3, 100, 1000);
        Scripted call = new Scripted(true, ok("token rejected"), ok("done"));
        assertThat(c.call(call)).isEqualTo("done");
        assertThat(call.sentWith).containsExactly("token-1", "token-2");
        assertThat(c.credentialRefreshes()).isEqualTo(2);
    }

    @Test
    void aCredentialRejectedTwiceFailsRetryablyWithoutEndlessLoops() {
        ApiCaller<String> c = caller(3, 100, 1000);
        Scripted call = new Scripted(true, ok("token rejected"));
        assertThatThrownBy(() -> c.call(call)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.outcome()).isEqualTo(Outcome.RETRYABLE));
        assertThat(call.sentWith).hasSize(2);
    }

    @Test
    void certainlyNotDoneAnswersAreBackedOffAndRepeatedWithinTheBound() {
        ApiCaller<String> c = caller(3, 100, 1000);
        Scripted call = new Scripted(true, failed(Outcome.RETRYABLE, 503, "busy"), failed(Outcome.RETRYABLE, 429,
                "slow down"), ok("done"));
        assertThat(c.call(call)).isEqualTo("done");
        assertThat(call.sentWith).hasSize(3);

        Scripted always = new Scripted(true, failed(Outcome.RETRYABLE, 503, "busy"));
        assertThatThrownBy(() -> c.call(always)).isInstanceOf(ConnectorException.class);
        assertThat(always.sentWith).as("max-attempts bounds the loop").hasSize(3);
    }

    @Test
    void anUnknownOutcomeOfAWriteIsThrownAtOnceButAReadIsRepeated() {
        ApiCaller<String> c = caller(3, 100, 1000);
        Scripted write = new Scripted(true, failed(Outcome.OUTCOME_UNKNOWN, 0, "no answer"), ok("done"));
        assertThatThrownBy(() -> c.call(write)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN));
        assertThat(write.sentWith).as("a write with an unknown outcome is never sent blindly again").hasSize(1);

        Scripted read = new Scripted(false, failed(Outcome.OUTCOME_UNKNOWN, 0, "no answer"), ok("stock"));
        assertThat(c.call(read)).isEqualTo("stock");
        assertThat(read.sentWith).hasSize(2);
    }

    @Test
    void anExhaustedBudgetFailsRetryablyWithoutSending() {
        ApiCaller<String> c = caller(1, 1, 50);
        assertThat(c.call(new Scripted(false, ok("first")))).isEqualTo("first");
        Scripted second = new Scripted(false, ok("second"));
        assertThatThrownBy(() -> c.call(second)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.getMessage()).contains("budget"));
        assertThat(second.sentWith).isEmpty();
    }

    @Test
    void fiftyConcurrentCallsFetchOneCredential() throws Exception {
        ApiCaller<String> c = caller(3, 10_000, 5000);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return c.call(new Scripted(false, ok("x")));
                }));
            }
            go.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo("x");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(c.status().credentialRefreshes()).isEqualTo(1);
        assertThat(c.status().lastCredentialRefresh()).isNotNull();
    }

    @Test
    void problemTextsAreMasked() {
        ApiCaller<String> c = caller(1, 100, 1000);
        Scripted call = new Scripted(true, failed(Outcome.NOT_RETRYABLE, 400, "bad app_secret=s3cr3t-value"));
        assertThatThrownBy(() -> c.call(call)).hasMessageNotContaining("s3cr3t-value").hasMessageContaining("****");
    }
}
