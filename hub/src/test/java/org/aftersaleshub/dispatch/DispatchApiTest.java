package org.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.staff.StaffRepository;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A ticket created through the API is dispatched by the route; GET /api/v1/tickets/{id}/dispatch shows how. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DispatchApiTest {

    static final Path RULES = DispatchFixture.rulesDir();

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
    @Autowired
    StaffRepository staff;

    @Test
    void theDecisionOfEachTicketIsShownWithItsRuleOrQueue() {
        DispatchFixture.staff(staff);
        ApiTestClient client = new ApiTestClient(port, keys.create("dispatch-test", Set.of(ApiScope.TICKETS_READ,
                ApiScope.TICKETS_WRITE), "test").key());
        String hardware = client.post("/api/v1/tickets", """
                {"channel":"WEB","customerId":"C0001","faultType":"硬件维修","region":"华南"}""").json().path("id")
                .asText();
        String other = client.post("/api/v1/tickets", """
                {"channel":"WEB","customerId":"C0001","faultType":"上门安装","region":"华南"}""").json().path("id")
                .asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/api/v1/tickets/" + other + "/dispatch")
                .status() == 200 && client.get("/api/v1/tickets/" + hardware + "/dispatch").status() == 200);
        JsonNode assigned = client.get("/api/v1/tickets/" + hardware + "/dispatch").json();
        assertThat(assigned.path("outcome").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.path("rule").asText()).isEqualTo("硬件维修");
        assertThat(assigned.path("staffId").asText()).isEqualTo("hw-south");
        JsonNode queued = client.get("/api/v1/tickets/" + other + "/dispatch").json();
        assertThat(queued.path("outcome").asText()).isEqualTo("QUEUED");
        assertThat(queued.path("queue").asText()).isEqualTo("待分派");
        // the timeline names the rule
        assertThat(client.get("/api/v1/tickets/" + hardware + "/timeline").body()).contains("dispatch rule 硬件维修");
        ApiTestClient.Answer none = client.get("/api/v1/tickets/no-such-ticket/dispatch");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.contentType()).startsWith("application/problem+json");
    }
}
