package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** At most N API writes run at once; reads and non-API paths are never held back. */
class WriteConcurrencyLimitTest {

    final WriteConcurrencyLimit limit = new WriteConcurrencyLimit(new ApiWebProperties(null, 2));
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger most = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    final FilterChain blocking = (req, res) -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
    };

    @Test
    void writesBeyondTheBoundWaitTheirTurnAndAllComplete() {
        CompletableFuture<?>[] writes = new CompletableFuture<?>[5];
        for (int i = 0; i < writes.length; i++) {
            writes[i] = CompletableFuture.runAsync(() -> call("POST", "/api/v1/tickets", blocking));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> running.get() == 2);
        // a read and a callback pass while the writes hold both slots
        CompletableFuture<?> read = CompletableFuture.runAsync(() -> call("GET", "/api/v1/tickets", (q, r) -> { }));
        CompletableFuture<?> callback = CompletableFuture.runAsync(() -> call("POST", "/callbacks/wecom", (q, r) -> { }));
        CompletableFuture.allOf(read, callback).orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(running.get()).isEqualTo(2);

        release.countDown();
        CompletableFuture.allOf(writes).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void theDefaultIsTwiceTheCores() {
        assertThat(new ApiWebProperties(null, null).writeConcurrency())
                .isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    private void call(String method, String uri, FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        try {
            limit.doFilter(request, new MockHttpServletResponse(), chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
