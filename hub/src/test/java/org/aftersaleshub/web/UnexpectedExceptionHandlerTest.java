package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;

/** The only 500: generic for the client, the cause in the log under the same correlation id. */
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedExceptionHandlerTest {

    private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().build();

    @Test
    void unexpectedExceptionIsA500ProblemWithoutDetailsAndItsCauseIsLoggedUnderTheCorrelationId(
            CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/tickets");

        ResponseEntity<ProblemDetail> answer = new UnexpectedExceptionHandler()
                .unexpected(new IllegalStateException("boom: connection string jdbc:secret"), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        String body = mapper.writeValueAsString(answer.getBody());
        String correlationId = answer.getBody().getProperties().get("correlationId").toString();
        assertThat(body).contains("urn:aftersales-hub:problem:internal-error").contains(correlationId)
                .doesNotContain("boom").doesNotContain("IllegalStateException").doesNotContain("at org.");
        assertThat(output.getAll()).contains(correlationId).contains("IllegalStateException: boom");
    }

    @Test
    void securityExceptionsGoBackToTheSecurityChain() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/tickets");
        assertThatThrownBy(() -> new UnexpectedExceptionHandler().unexpected(new AccessDeniedException("no"), request))
                .isInstanceOf(AccessDeniedException.class);
    }
}
