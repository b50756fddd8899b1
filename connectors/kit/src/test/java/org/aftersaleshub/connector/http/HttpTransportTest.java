package org.aftersaleshub.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {

    private HttpServer server;
    private final CountDownLatch never = new CountDownLatch(1);
    private final HttpTransport transport = new HttpTransport(Duration.ofSeconds(2), Duration.ofMillis(300),
            new SecretMasker(List.of("s3cr3t-canary")));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> answer(ex, 200, "{\"ok\":true}"));
        server.createContext("/limited", ex -> {
            ex.getResponseHeaders().add("Retry-After", "1");
            answer(ex, 429, "slow down");
        });
        server.createContext("/busy", ex -> answer(ex, 503, "busy"));
        server.createContext("/boom", ex -> answer(ex, 500, "error echoing s3cr3t-canary"));
        server.createContext("/bad", ex -> answer(ex, 400, "bad"));
        server.createContext("/slow", ex -> {
            try {
                never.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 200, "late");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        never.countDown();
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private HttpResult post(String path) {
        return transport.post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), Map.of(), "{}",
                null);
    }

    @Test
    void classifiesByStatus() {
        assertThat(post("/ok").outcome()).isEqualTo(Outcome.SUCCESS);
        HttpResult limited = post("/limited");
        assertThat(limited.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(limited.rateLimited()).isTrue();
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(post("/busy").outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(post("/boom").outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(post("/bad").outcome()).isEqualTo(Outcome.NOT_RETRYABLE);
    }

    @Test
    void aTimeoutAfterSendingIsOutcomeUnknown() {
        HttpResult r = post("/slow");
        assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_UNKNOWN);
        assertThat(r.problem()).contains("no answer");
    }

    @Test
    void aRefusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpResult r = transport.post(URI.create("http://127.0.0.1:" + closedPort + "/x"), Map.of(), "{}", null);
        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE);
    }

    @Test
    void problemTextsAreMasked() {
        assertThat(post("/boom").problem()).contains("****").doesNotContain("s3cr3t-canary");
    }
}
