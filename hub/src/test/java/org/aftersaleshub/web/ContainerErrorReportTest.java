package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * Issue 10, defect 3: requests Tomcat refuses before any filter sees them came back as Tomcat's HTML page. Sent as
 * exact bytes over a socket (HTTP clients would normalise them), they get problem+json on {@code /api/} and
 * {@code /callbacks/}, a one-line HTML page only for a browser elsewhere, never a server name, version or stack
 * trace, and no {@code Server} header.
 */
class ContainerErrorReportTest extends ApiH2IntegrationTest {

    @Autowired
    private ServletWebServerApplicationContext context;
    private RawHttp http;

    @BeforeEach
    void socket() {
        http = new RawHttp(port);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            GET  | /api/v1/tickets/..%2F..%2Fetc          | 400 | path
            GET  | /api/v1/tickets/..%5C..%5Cwindows      | 400 | path
            GET  | /api/v1/tickets/x%00y                  | 400 | path
            GET  | /api/v1/tickets/../../../../etc        | 400 | path
            GET  | /api/v1/tickets/%FF                    | 400 | path
            GET  | /callbacks/wecom/a%2Fb                 | 400 | path
            G@T  | /api/v1/tickets                        | 400 | request
            GET  | /api/v1/tickets HTTP/1.1 extra         | 400 | request
            TRACE | /api/v1/tickets                       | 405 | method
            """)
    void aRefusedRequestLineOrPathIsAProblem(String method, String target, int status, String field)
            throws Exception {
        RawHttp.Answer a = http.exchange(http.request(method, target, List.of("Accept: text/html"), null));

        assertProblem(a, status, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            space in a header name          | Bad Header: x                     | 400 | headers
            header line without a colon     | NoColonHere                       | 400 | headers
            unsupported transfer coding     | Transfer-Encoding: gzip           | 400 | Transfer-Encoding
            Content-Length not a number     | Content-Length: twelve            | 400 | request
            """)
    void aMalformedHeaderIsAProblem(String name, String header, int status, String field) throws Exception {
        RawHttp.Answer a = http.exchange(http.request("POST", "/api/v1/tickets", List.of(header), "{}".getBytes()));

        assertProblem(a, status, field);
    }

    @Test
    void aRefusalWithoutAFieldIsTitledInEnglishWithTheChineseTerm() throws Exception {
        RawHttp.Answer a = http.exchange(http.request("POST", "/api/v1/tickets",
                List.of("Expect: 200-bogus", "Content-Type: application/json"), "{}".getBytes()));

        assertThat(a.status()).isEqualTo(417);
        assertThat(a.header("Server")).isNull();
        ProblemBodies.assertCleanProblem(a.text(), a.status(), a.contentType(), a.body());
        assertThat(ProblemBodies.STRICT.readTree(a.body()).path("title").asText())
                .isEqualTo("Expectation Failed (无法满足 Expect 要求)");
    }

    @Test
    void anHttpVersionTheServerDoesNotSpeakIsAClientError() throws Exception {
        byte[] request = "GET /api/v1/tickets HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertProblem(http.exchange(request), 400, "request");
    }

    @Test
    void malformedHeaderBytesAndAnOversizedHeaderSectionAreProblems() throws Exception {
        assertProblem(http.exchange(http.request("GET", "/api/v1/tickets", List.of(RawHttp.bytes("X-键: v")), null)),
                400, "headers");
        assertProblem(http.exchange(http.request("GET", "/api/v1/tickets",
                List.of("X-Padding: " + "a".repeat(20_000)), null)), 431, "headers");
        assertProblem(http.exchange(http.request("GET", "/api/v1/tickets", List.of("X-Note: a\u0000b"), null)),
                400, "headers");
        assertProblem(http.exchange(http.request("GET", "/api/v1/tickets/x\ry", List.of(), null)), 400, "path");
    }

    @Test
    void aBrowserOutsideTheApiGetsAMinimalPageAndAnyOtherClientAProblem() throws Exception {
        RawHttp.Answer browser = http.exchange(http.request("GET", "/console/a%2Fb",
                List.of("Accept: text/html,application/xhtml+xml"), null));
        RawHttp.Answer tool = http.exchange(http.request("GET", "/console/a%2Fb", List.of(), null));

        assertThat(browser.status()).isEqualTo(400);
        assertThat(browser.contentType()).startsWith("text/html");
        assertThat(browser.text()).contains("400 Bad Request").doesNotContain("Tomcat", "Apache", "Exception",
                "at org.", "<pre>");
        assertThat(browser.header("Server")).isNull();
        assertProblem(tool, 400, "path");
    }

    @Test
    void theHostHasExactlyOneErrorReportAndItIsOurs() {
        Valve[] valves = ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().getPipeline().getValves();
        List<Valve> reports = new ArrayList<>(Arrays.stream(valves).filter(v -> v instanceof ErrorReportValve)
                .toList());

        assertThat(reports).singleElement().isInstanceOf(ProblemErrorReportValve.class);
        ErrorReportValve ours = (ErrorReportValve) reports.get(0);
        assertThat(ours.isShowReport()).isFalse();
        assertThat(ours.isShowServerInfo()).isFalse();
    }

    private static void assertProblem(RawHttp.Answer a, int status, String field) throws Exception {
        String what = a.status() + " " + a.headers() + " " + a.text();
        assertThat(a.status()).as(what).isEqualTo(status);
        assertThat(a.header("Server")).as(what).isNull();
        ProblemBodies.assertCleanProblem(what, a.status(), a.contentType(), a.body());
        List<String> fields = new ArrayList<>();
        for (JsonNode e : ProblemBodies.STRICT.readTree(a.body()).path("errors")) {
            fields.add(e.path("field").asText());
        }
        assertThat(fields).as(what).contains(field);
    }
}
