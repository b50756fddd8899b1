package org.aftersaleshub.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the ticket id of {@code /api/v1/tickets/{id}/...} requests into the log context ({@code hubTicketId}),
 * where the outbox adds the event id; cleared when the request ends so pooled threads carry nothing over.
 * Camel threads get the same keys from {@code deadletter.HubEventCapture} when a route receives an event.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LogContextFilter extends OncePerRequestFilter {

    private static final Pattern TICKET = Pattern.compile("^/api/v1/tickets/([^/]+)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher m = TICKET.matcher(request.getRequestURI());
        if (m.find()) {
            MDC.put("hubTicketId", m.group(1));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("hubTicketId");
            MDC.remove("hubEventId");
        }
    }
}
