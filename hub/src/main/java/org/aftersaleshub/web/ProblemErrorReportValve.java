package org.aftersaleshub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The servlet container's own error report, for requests Tomcat refuses before any filter or route sees them (an
 * encoded {@code /} or {@code \}, a NUL in the path, a malformed request line or header). Under {@code /api/} and
 * {@code /callbacks/}, and for any client that does not ask for HTML, the answer is problem+json like every other
 * error of the API; a browser on another path gets a one-line HTML page. Neither names the server or its version
 * nor carries a stack trace.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As the base valve: only an error without a body yet, and only once per response.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String path = request.getRequestURI();
        ContainerRefusal refusal = ContainerRefusal.of(status, response.getMessage(), throwable, path,
                request.getHeader("Transfer-Encoding") != null);
        if (refusal.status() != status) {
            response.setStatus(refusal.status());
        }
        boolean html = !isApi(path) && prefersHtml(request.getHeader("Accept"));
        try {
            String body;
            if (html) {
                response.setContentType(MediaType.TEXT_HTML_VALUE);
                body = html(refusal.status());
            } else {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                body = JSON.writeValueAsString(problem(refusal));
            }
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot take a body any more: nothing left to tell it.
        }
    }

    /** The problem for a refusal of the container. */
    static Map<String, Object> problem(ContainerRefusal refusal) {
        int status = refusal.status();
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        FieldViolation v = refusal.violation();
        String slug;
        String title;
        String detail;
        if (v != null) {
            slug = Problems.MALFORMED_REQUEST;
            title = status == 431 ? "Request headers too large (请求头过大)" : "Malformed request (请求格式错误)";
            detail = "The request was refused before it reached the API: " + v.field() + " " + v.message() + ".";
        } else if (status >= 500) {
            slug = Problems.INTERNAL;
            title = "Internal error (服务器内部错误)";
            detail = "The hub could not complete the request; the operator's log has the details.";
        } else {
            slug = status == 404 ? Problems.NOT_FOUND : status == 405 ? Problems.METHOD_NOT_ALLOWED
                    : Problems.HTTP_ERROR;
            title = Problems.statusTitle(status, reason);
            detail = "The request was refused: " + reason + ".";
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", Problems.type(slug).toString());
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (v != null) {
            p.put("errors", List.of(v));
        }
        return p;
    }

    static boolean isApi(String path) {
        return path == null || path.startsWith("/api/") || path.startsWith("/callbacks/");
    }

    /** True when the client names HTML among what it accepts (a browser); API clients and tools do not. */
    static boolean prefersHtml(String accept) {
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static String html(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String text = status + (known == null ? "" : " " + known.getReasonPhrase());
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + text + "</title></head><body><h1>"
                + text + "</h1></body></html>";
    }
}
