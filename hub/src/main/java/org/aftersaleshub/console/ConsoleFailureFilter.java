package org.aftersaleshub.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last net under the console: what fails after a controller answered — a template that cannot be rendered, a
 * controller outside {@link ConsolePage}'s handler — would reach the servlet container as a 500 with its own page.
 * This filter (on {@code /console/*}, ahead of Spring Security) turns it into a 500 without details: a Chinese page
 * for browsers, {@code application/problem+json} for htmx and other clients. The cause goes to the log only.
 * Templates render fully before anything is sent ({@code spring.thymeleaf.servlet.produce-partial-output-while-
 * processing: false}), so the response is still uncommitted when a template fails.
 */
class ConsoleFailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConsoleFailureFilter.class);

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="zh"><head><meta charset="utf-8"><title>页面出错 (500)</title>
            <link rel="stylesheet" href="/console/console.css"></head>
            <body><main class="card"><h1>页面出错 (500)</h1>
            <p id="error-detail">页面无法显示，原因已记录在服务日志中。请稍后重试；问题持续时请联系 IT。
            (The page could not be shown; the hub's log has the cause.)</p>
            <p><a href="/console/dashboard">返回看板</a></p></main></body></html>
            """;

    static final String PROBLEM = """
            {"type":"urn:aftersales-hub:problem:internal","title":"Internal Server Error","status":500,\
            "detail":"The page could not be shown; the hub's log has the cause (页面出错)","instance":"%s"}""";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            log.error("Console request {} failed", request.getRequestURI(), e);
            if (response.isCommitted()) {
                return; // part of the page went out already: nothing better than stopping it here
            }
            response.reset();
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            boolean browser = request.getHeader("HX-Request") == null
                    && ConsoleSecurityConfiguration.browserMatcher().matches(request);
            if (browser) {
                response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
                response.getWriter().write(PAGE);
            } else {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter().write(PROBLEM.formatted(request.getRequestURI().replaceAll("[^A-Za-z0-9/._~-]",
                        "")));
            }
        }
    }
}
