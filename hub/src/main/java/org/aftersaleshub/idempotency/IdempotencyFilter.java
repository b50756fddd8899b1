package org.aftersaleshub.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.aftersaleshub.security.ApiKeyPrincipal;
import org.aftersaleshub.web.CachedBodyRequest;
import org.aftersaleshub.web.FieldViolation;
import org.aftersaleshub.web.OwnBodyLimit;
import org.aftersaleshub.web.ProblemWriter;
import org.aftersaleshub.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours {@code Idempotency-Key} on POST requests under {@code /api/}.
 *
 * <p>The filter opens the transaction the change joins, claims the key first (insert into idempotency_record),
 * runs the request, stores the answer in the claimed row and commits: the change and its answer are durable
 * together or not at all. A retry finds the row and gets the stored status and body without running again; a
 * concurrent duplicate blocks on the claimed key until the first commits, then gets the same answer. The same key
 * with a different request (method, path, query or body) is a 422. Only 2xx answers are kept: an error changes
 * nothing, so the client may fix the request and retry with the same key. Keys are per API key (principal).
 *
 * <p>Runs after the security chain (which is at order -100) so the principal is known.
 */
@Component
@Order(0)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** Its answer carries a secret shown once, which must never be stored. */
    private static final String EXCLUDED_PREFIX = "/api/v1/admin/api-keys";

    private final IdempotencyStore store;
    private final PlatformTransactionManager transactions;
    private final ProblemWriter problems;
    private final IdempotencyProperties properties;
    private final List<OwnBodyLimit> ownBodies;

    public IdempotencyFilter(IdempotencyStore store, PlatformTransactionManager transactions, ProblemWriter problems,
            IdempotencyProperties properties, List<OwnBodyLimit> ownBodies) {
        this.store = store;
        this.transactions = transactions;
        this.problems = problems;
        this.properties = properties;
        this.ownBodies = List.copyOf(ownBodies);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // a path that reads its own, large body (an import's file) is not buffered here to hash it
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null || !path.startsWith("/api/")
                || path.startsWith(EXCLUDED_PREFIX) || ownBodies.stream().anyMatch(o -> o.covers(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            badKey(request, response, key);
            return;
        }
        String principal = auth.getPrincipal() instanceof ApiKeyPrincipal p ? p.keyId() : auth.getName();
        byte[] body = CachedBodyRequest.bodyOf(request);
        if (body == null) {
            body = StreamUtils.copyToByteArray(request.getInputStream());
            request = new CachedBodyRequest(request, body);
        }
        String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String hash = hash(request.getMethod(), target, body);

        long deadline = System.nanoTime() + properties.waitForConcurrent().toNanos();
        while (true) {
            TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
            try {
                store.claim(principal, key, hash, request.getMethod(), target);
            } catch (DuplicateKeyException taken) {
                transactions.rollback(tx);
                IdempotencyRecord first = store.find(principal, key);
                if (first != null) {
                    replay(request, response, key, hash, first);
                    return;
                }
                continue; // the holder rolled back meanwhile: claim again
            } catch (ConcurrencyFailureException busy) {
                // Some databases refuse instead of waiting for the concurrent holder: wait a little, then retry.
                transactions.rollback(tx);
                if (System.nanoTime() > deadline) {
                    stillRunning(request, response);
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                continue;
            }
            executeAndStore(request, response, chain, tx, principal, key);
            return;
        }
    }

    private void executeAndStore(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            TransactionStatus tx, String principal, String key) throws IOException, ServletException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
            int status = recorded.getStatus();
            if (status >= 200 && status < 300) {
                String body = new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8);
                store.complete(principal, key, status, body, recorded.getHeader(HttpHeaders.LOCATION));
                transactions.commit(tx);
            } else {
                transactions.rollback(tx);
            }
        } catch (RuntimeException | IOException | ServletException e) {
            if (!tx.isCompleted()) {
                transactions.rollback(tx);
            }
            throw e;
        }
        recorded.copyBodyToResponse();
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, String key, String hash,
            IdempotencyRecord first) throws IOException {
        if (!first.requestHash().equals(hash)) {
            ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency-Key reused (幂等键重复使用)", "The Idempotency-Key '" + key
                            + "' was already used for a different request (method, path or body). "
                            + "Use a new key for a new request.");
            p.setProperty("errors", List.of(new FieldViolation(HEADER, "same-request",
                    "must be sent again only with the identical request")));
            problems.write(request, response, p);
            return;
        }
        response.setStatus(first.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (first.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, first.location());
        }
        if (first.body() != null && !first.body().isEmpty()) {
            byte[] bytes = first.body().getBytes(StandardCharsets.UTF_8);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
        response.flushBuffer();
    }

    private void badKey(HttpServletRequest request, HttpServletResponse response, String key) throws IOException {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request (请求参数错误)",
                HEADER + " must be 1.." + MAX_KEY_LENGTH + " visible ASCII characters.");
        p.setProperty("errors", List.of(new FieldViolation(HEADER,
                key.length() > MAX_KEY_LENGTH ? "max-length:" + MAX_KEY_LENGTH : "pattern:[\\x21-\\x7E]+",
                "must be 1.." + MAX_KEY_LENGTH + " visible ASCII characters (e.g. a UUID)")));
        problems.write(request, response, p);
    }

    private void stillRunning(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        problems.write(request, response, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-use",
                "Request with this Idempotency-Key still running",
                "A request with the same Idempotency-Key is still being processed; retry shortly."));
    }

    static String hash(String method, String target, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(method.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(target.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
