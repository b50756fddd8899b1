package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules every error body of the hub keeps, checked the same way wherever a test meets one: valid JSON without a
 * repeated key (Jackson's strict duplicate detection), and for {@code application/problem+json} a {@code status}
 * member equal to the HTTP status and a {@code title}. On {@code /api/} and {@code /callbacks/} an error must be
 * problem+json at all.
 */
public final class ProblemBodies {

    /** Parses JSON refusing a repeated key in any object. */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** A package-qualified Java name ({@code org.springframework.}, {@code java.lang.}) or a stack frame. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "(?<![\\w/@.-])(?:org|java|javax|jakarta|com|sun)\\.[a-z][a-z0-9_]*\\.|\\bat [a-z][\\w$]*\\.[\\w$.]+\\(");

    private ProblemBodies() {
    }

    /** What is wrong with one answer; empty when it keeps the rules (or is no error). */
    public static List<String> violations(String path, int status, String contentType, byte[] body) {
        List<String> out = new ArrayList<>();
        if (status < 400) {
            return out;
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        boolean api = path != null && (path.startsWith("/api/") || path.startsWith("/callbacks/"));
        boolean problem = type.startsWith("application/problem+json");
        if (api && !problem) {
            out.add("an error on " + path + " must be application/problem+json, was '" + contentType + "'");
        }
        if (problem && (body == null || body.length == 0)) {
            out.add("a problem without a body");
            return out;
        }
        if (!type.contains("json") || body == null || body.length == 0) {
            return out;
        }
        JsonNode json;
        try {
            json = STRICT.readTree(body);
        } catch (IOException e) {
            out.add("not valid JSON (or a repeated key): " + e.getMessage());
            return out;
        }
        if (problem) {
            if (json == null || !json.isObject()) {
                out.add("a problem must be a JSON object");
                return out;
            }
            if (!json.path("status").isInt() || json.path("status").asInt() != status) {
                out.add("member status " + json.get("status") + " differs from the HTTP status " + status);
            }
            if (!json.path("title").isTextual() || json.path("title").asText().isBlank()) {
                out.add("member title is missing or blank");
            }
        }
        return out;
    }

    /** Fails with every broken rule of one answer. */
    public static void check(String what, String path, int status, String contentType, byte[] body) {
        List<String> v = violations(path, status, contentType, body);
        if (!v.isEmpty()) {
            throw new AssertionError(what + " " + status + ": " + String.join("; ", v) + "\n"
                    + (body == null ? "" : new String(body, StandardCharsets.UTF_8)));
        }
    }

    /** The shape every error answer of the API keeps, whoever wrote it (Spring MVC, a filter, Tomcat). */
    public static void assertCleanProblem(String what, int status, String contentType, byte[] body)
            throws IOException {
        assertThat(contentType).as(what).startsWith("application/problem+json");
        assertThat(violations("/api/", status, contentType, body)).as(what).isEmpty();
        JsonNode p = STRICT.readTree(body);
        assertThat(p.path("type").asText()).as(what).startsWith("urn:aftersales-hub:problem:");
        assertThat(p.path("detail").asText()).as(what).isNotBlank();
        p.path("errors").forEach(e -> {
            assertThat(e.path("field").asText()).as(what).isNotBlank();
            assertThat(e.path("rule").asText()).as(what).isNotBlank();
            assertThat(e.path("message").asText()).as(what).isNotBlank();
        });
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).as(what).doesNotContain("Exception", "Caused by", "Tomcat", "Apache")
                .doesNotContainPattern(JAVA_INTERNALS);
    }
}
