package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 10, defect 2: a problem body must not repeat a member. The 409 for a closed ticket carried
 * {@code "status":409} and an extension {@code "status":"CANCELLED"}; the extension is {@code ticketStatus} now, and
 * every way of adding an extension refuses the names RFC 9457 defines.
 */
class ProblemMembersTest extends ApiH2IntegrationTest {

    @Test
    void aClosedTicketsConflictNamesItsStatusTicketStatusAndRepeatsNoMember() throws Exception {
        ApiTestClient api = writer();
        String id = api.post("/api/v1/tickets", ApiTestClient.ticketJson()).json().get("id").asText();
        assertThat(api.post("/api/v1/tickets/" + id + "/cancel", "{}").status()).isEqualTo(200);

        Answer usage = api.post("/api/v1/tickets/" + id + "/part-usages", "{\"id\":\"PU-1\",\"partSku\":\"P-1\","
                + "\"quantity\":{\"value\":1,\"unit\":\"个\"},\"warehouse\":\"WH01\"}");
        Answer assign = api.post("/api/v1/tickets/" + id + "/assignment", "{\"assigneeId\":\"E-1\"}");

        for (Answer a : new Answer[] {usage, assign}) {
            assertThat(a.status()).as(a.body()).isEqualTo(409);
            // Read with duplicate detection: a second "status" member would fail here.
            JsonNode p = ProblemBodies.STRICT.readTree(a.body());
            assertThat(p.get("status").asInt()).isEqualTo(409);
            assertThat(p.get("ticketStatus").asText()).isEqualTo("CANCELLED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "title", "status", "detail", "instance"})
    void anExtensionNamedLikeAStandardMemberIsRefusedWhereverItIsAdded(String name) {
        ApiProblem problem = new ApiProblem(HttpStatus.CONFLICT, "x", "X", "x");
        assertThatThrownBy(() -> problem.with(name, "CANCELLED")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'");

        ProblemDetail detail = Problems.of(HttpStatus.CONFLICT, "x", "X", "x");
        detail.setProperty(name, "CANCELLED");
        assertThatThrownBy(() -> new ProblemWriter(ProblemBodies.STRICT).write(new MockHttpServletRequest(),
                new MockHttpServletResponse(), detail)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProblemExtensionGuard().beforeBodyWrite(detail, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSuiteWideCheckCatchesARepeatedMemberAStatusMismatchAndAMissingTitle() {
        byte[] repeated = "{\"type\":\"urn:x\",\"title\":\"T\",\"status\":409,\"status\":\"CANCELLED\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] mismatch = "{\"title\":\"T\",\"status\":400}".getBytes(StandardCharsets.UTF_8);
        byte[] untitled = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);

        assertThat(ProblemBodies.violations("/api/v1/x", 409, "application/problem+json", repeated))
                .hasSize(1).allSatisfy(v -> assertThat(v).contains("repeated key"));
        assertThat(ProblemBodies.violations("/api/v1/x", 409, "application/problem+json", mismatch))
                .hasSize(1).allSatisfy(v -> assertThat(v).contains("differs from the HTTP status 409"));
        assertThat(ProblemBodies.violations("/api/v1/x", 404, "application/problem+json", untitled))
                .hasSize(1).allSatisfy(v -> assertThat(v).contains("title"));
        assertThat(ProblemBodies.violations("/api/v1/x", 500, "text/html", new byte[0]))
                .hasSize(1).allSatisfy(v -> assertThat(v).contains("must be application/problem+json"));
        assertThat(ProblemBodies.violations("/console/x", 400, "text/html", new byte[0])).isEmpty();
    }
}
