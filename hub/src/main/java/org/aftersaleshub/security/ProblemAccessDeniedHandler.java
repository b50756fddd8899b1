package org.aftersaleshub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.aftersaleshub.web.FieldViolation;
import org.aftersaleshub.web.ProblemWriter;
import org.aftersaleshub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 as problem+json, naming the scope the key lacks. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter problems;
    private final ScopeRules rules;

    ProblemAccessDeniedHandler(ProblemWriter problems, ScopeRules rules) {
        this.problems = problems;
        this.rules = rules;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String needed = rules.match(request).filter(r -> r.scope() != null)
                .map(r -> r.scope().value()).orElse(null);
        ProblemDetail p = Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden (权限不足)",
                needed == null ? "This API key may not perform this request."
                        : "This API key lacks the scope '" + needed + "' that " + request.getMethod() + " "
                                + request.getRequestURI() + " needs.");
        if (needed != null) {
            p.setProperty("requiredScope", needed);
            p.setProperty("errors", List.of(new FieldViolation("Authorization", "scope:" + needed,
                    "the API key lacks the scope " + needed + " (权限不足)")));
        }
        problems.write(request, response, p);
    }
}
