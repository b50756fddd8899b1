package org.aftersaleshub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.aftersaleshub.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page controller shares: the signed-in person in the model, and errors as a page for browsers
 * and as problem+json for everything else, never with a stack trace. Handlers here win over the API's global advice
 * because a controller's own handlers are asked first.
 */
abstract class ConsolePage {

    private static final Logger log = LoggerFactory.getLogger(ConsolePage.class);

    /** A bad filter or form value: 400 naming the field and the rule. */
    static final class BadInput extends RuntimeException {
        final String field;

        BadInput(String field, String rule) {
            super(field + ": " + rule);
            this.field = field;
        }
    }

    /** Not there, or not in the person's scope (a supervisor is not told which tickets exist elsewhere). */
    static final class NotFound extends RuntimeException {
        NotFound(String what) {
            super(what + " not found");
        }
    }

    @ModelAttribute("me")
    ConsolePrincipal me(@AuthenticationPrincipal ConsolePrincipal me) {
        return me;
    }

    /** This page's path and query, for the language switch to come back to. */
    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        String q = request.getQueryString();
        return request.getRequestURI() + (q == null ? "" : "?" + q);
    }

    @ExceptionHandler(Exception.class)
    Object failed(Exception e, HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status;
        String detail;
        String type;
        if (e instanceof BadInput) {
            status = HttpStatus.BAD_REQUEST;
            detail = e.getMessage();
            type = Problems.VALIDATION;
        } else if (e instanceof MethodArgumentTypeMismatchException m) {
            status = HttpStatus.BAD_REQUEST;
            detail = m.getName() + ": not a valid value";
            type = Problems.VALIDATION;
        } else if (e instanceof NotFound) {
            status = HttpStatus.NOT_FOUND;
            detail = e.getMessage();
            type = Problems.NOT_FOUND;
        } else if (e instanceof org.aftersaleshub.web.ApiProblem p) {
            // a rule of the ticket model (e.g. assigning a ticket already in progress): its own status and words
            status = p.status();
            detail = p.toProblemDetail(request.getRequestURI()).getDetail();
            type = "conflict";
        } else if (e instanceof AccessDeniedException) {
            status = HttpStatus.FORBIDDEN;
            detail = "Your console role may not do this (无权限)";
            type = "forbidden";
        } else {
            log.error("Console page {} failed", request.getRequestURI(), e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "The page could not be shown; the hub's log has the cause (页面出错)";
            type = "internal";
        }
        // htmx swaps a fragment: it gets the problem, not a whole error page inside the results
        if (request.getHeader("HX-Request") == null
                && ConsoleSecurityConfiguration.browserMatcher().matches(request)) {
            ModelAndView page = new ModelAndView("console/error");
            page.setStatus(status);
            page.addObject("status", status.value());
            page.addObject("detail", detail);
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.TYPE_PREFIX + type));
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static void requireChange(ConsolePrincipal me) {
        if (me == null || !me.mayChange()) {
            throw new AccessDeniedException("read-only");
        }
    }
}
