package org.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** POST /api/v1/admin/rules/validate (admin) and GET /rules-schema/{kind}.json (open, for editors). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulesApiTest {

    static final Path RULES = rules();

    static Path rules() {
        try {
            Path dir = Files.createTempDirectory("rules-api");
            Files.writeString(dir.resolve("dispatch.yaml"), """
                    rules:
                      - name: 硬件维修
                        match:
                          faultType: 硬件维修
                        choose:
                          team: 硬件组
                    """);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> "../routes");
        r.add("hub.routes-include", () -> "dispatch.yaml");
        r.add("hub.rules.dir", RULES::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;

    ApiTestClient client(ApiScope... scopes) {
        return new ApiTestClient(port, keys.create("rules-test", Set.of(scopes), "test").key());
    }

    @Test
    void validateAnswersEveryProblemWithFileLineColumnAndBothHints() throws Exception {
        ApiTestClient admin = client(ApiScope.ADMIN);
        ApiTestClient.Answer clean = admin.post("/api/v1/admin/rules/validate", "");
        assertThat(clean.status()).as(clean.body()).isEqualTo(200);
        JsonNode ok = clean.json();
        assertThat(ok.path("valid").asBoolean()).isTrue();
        // the staff directory is empty: the team is a reference nobody holds, a warning at its line
        assertThat(ok.path("warnings").asInt()).isEqualTo(1);
        JsonNode warning = ok.path("problems").get(0);
        assertThat(warning.path("severity").asText()).isEqualTo("WARNING");
        assertThat(warning.path("line").asInt()).isEqualTo(6);
        assertThat(warning.path("column").asInt()).isPositive();
        assertThat(warning.path("hintZh").asText()).contains("硬件组");

        // a change on disk is what the next restart would load: validate tells before the restart does
        Files.writeString(RULES.resolve("dispatch.yaml"), "rules:\n  - name: x\n    choose:\n      teem: 硬件组\n");
        JsonNode bad = admin.post("/api/v1/admin/rules/validate", "").json();
        assertThat(bad.path("valid").asBoolean()).isFalse();
        assertThat(bad.path("errors").asInt()).isPositive();
        assertThat(bad.path("problems").findValuesAsText("file")).allMatch(f -> f.endsWith("dispatch.yaml"));
        assertThat(bad.path("problems").findValues("line")).extracting(JsonNode::asInt).contains(4);
        assertThat(client(ApiScope.TICKETS_READ).post("/api/v1/admin/rules/validate", "").status())
                .isEqualTo(403);
    }

    @Test
    void theDispatchSchemaIsServedToEveryoneAndAnUnknownOneIsAProblem() {
        ApiTestClient anonymous = new ApiTestClient(port, null);
        ApiTestClient.Answer schema = anonymous.get("/rules-schema/dispatch.json");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.contentType()).startsWith("application/schema+json");
        assertThat(schema.json().path("$defs").has("choose")).isTrue();
        ApiTestClient.Answer unknown = anonymous.get("/rules-schema/nope.json");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().path("kind").asText()).isEqualTo("nope");
    }
}
