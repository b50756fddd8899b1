package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The suite-wide check of error bodies is in every test context and sees what a handler writes. */
class ErrorBodyAuditTest extends ApiH2IntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void everyTestContextHasTheAuditFilterFirstInTheChain() {
        FilterRegistrationBean<?> audit = context.getBean("errorBodyAudit", FilterRegistrationBean.class);

        assertThat(audit.getFilter()).isInstanceOf(ErrorBodyAudit.class);
        assertThat(audit.getOrder()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void aBodyWithARepeatedMemberIsRecordedAndAGoodOneIsNot() throws Exception {
        ErrorBodyAudit.drain();

        run(409, "{\"type\":\"urn:x\",\"title\":\"Conflict\",\"status\":409,\"status\":\"CANCELLED\"}");
        run(404, "{\"type\":\"urn:x\",\"title\":\"Not found\",\"status\":404}");

        assertThat(ErrorBodyAudit.drain()).singleElement().asString().contains("POST /api/v1/x -> 409")
                .contains("repeated key");
    }

    private static void run(int status, String body) throws Exception {
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setStatus(status);
                res.setContentType("application/problem+json");
                res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
        };
        new ErrorBodyAudit().doFilter(new MockHttpServletRequest("POST", "/api/v1/x"), new MockHttpServletResponse(),
                new MockFilterChain(servlet));
    }
}
