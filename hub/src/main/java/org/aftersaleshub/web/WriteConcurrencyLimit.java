package org.aftersaleshub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Fair share of the CPU between intake and delivery: at most {@code hub.api.write-concurrency} API writes (POST, PUT,
 * PATCH, DELETE under {@code /api/}) run at once; the others wait their turn, first come first served.
 *
 * <p>Every accepted change also costs CPU after its 2xx: the outbox relay, the broker and each route that delivers
 * it. Without a bound, sixteen busy clients keep sixteen request threads runnable against four route consumers, and
 * deliveries fell to a sixth of intake while the load lasted (bench/results/efficiency-*.md). With the bound, the
 * request threads the scheduler sees are about as many as the consumers, so deliveries keep pace and intake slows
 * to what the machine can also deliver. Reads, health and callbacks are not bounded here, and a dead webhook
 * receiver does not slow intake: its events wait on the broker, which costs no CPU.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class WriteConcurrencyLimit extends OncePerRequestFilter {

    private final Semaphore permits;

    public WriteConcurrencyLimit(ApiWebProperties properties) {
        this.permits = new Semaphore(properties.writeConcurrency(), true);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        boolean write = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)
                || "DELETE".equals(method);
        return !write || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting for a write slot", e);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
