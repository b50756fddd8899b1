package org.aftersaleshub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.junit.jupiter.api.Test;

/**
 * Who sees what on the actuator: health status for everyone (the load balancer's probes), components and details
 * (disk paths, database product, broker internals, queue backlog) only for an admin key; metrics for a
 * {@code metrics:read} key (a scraper's), never anonymous.
 */
class HealthAccessTest extends ApiH2IntegrationTest {

    @Test
    void anonymousCallersSeeTheStatusAndNothingElse() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Answer a = anonymous().get(path);
            assertThat(a.status()).as(path).isEqualTo(200);
            assertStatusOnly(path, a);
            assertThat(a.json().get("status").asText()).as(path).isEqualTo("UP");
            assertThat(a.body()).as(path).doesNotContain("journal").doesNotContain("H2")
                    .doesNotContain("outbox").doesNotContain(System.getProperty("java.io.tmpdir"));
        }
        // a single component is not a way around it
        assertThat(anonymous().get("/actuator/health/spine").status()).isEqualTo(404);
        assertThat(anonymous().get("/actuator/health/db").status()).isEqualTo(404);
    }

    @Test
    void keysWithoutAdminSeeNoDetailsEither() {
        for (ApiScope scope : List.of(ApiScope.TICKETS_READ, ApiScope.TICKETS_WRITE, ApiScope.METRICS_READ)) {
            Answer a = client("health-" + scope.value().replace(':', '-'), scope).get("/actuator/health");
            assertThat(a.status()).as(scope.value()).isEqualTo(200);
            assertStatusOnly(scope.value(), a);
        }
    }

    @Test
    void anAdminKeySeesEveryComponentWithItsDetails() {
        ApiTestClient admin = client("health-admin", ApiScope.ADMIN);

        JsonNode health = admin.get("/actuator/health").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode components = health.get("components");
        assertThat(components).isNotNull();
        assertThat(fieldNames(components)).contains("db", "jms", "spine", "diskSpace", "livenessState",
                "readinessState");
        assertThat(components.at("/db/details/database").asText()).isEqualTo("H2");
        assertThat(components.at("/spine/details/outboxUnpublished").isNumber()).isTrue();
        assertThat(components.at("/spine/details/routeQueues").isObject()).isTrue();

        Answer spine = admin.get("/actuator/health/spine");
        assertThat(spine.status()).isEqualTo(200);
        assertThat(spine.json().get("details").has("journalDiskFreeBytes")).isTrue();
        // the probes answer the load balancer, for everyone alike: status only
        assertStatusOnly("admin readiness", admin.get("/actuator/health/readiness"));
    }

    @Test
    void metricsNeedTheMetricsScopeOrAdminAndAreNeverAnonymous() {
        // Tests run without metrics export (Spring Boot's test default), so access is shown on /actuator/metrics;
        // QueueBacklogTest reads /actuator/prometheus with a metrics:read key.
        assertThat(anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous().get("/actuator/info").status()).isEqualTo(401);
        assertThat(client("tickets-reader", ApiScope.TICKETS_READ).get("/actuator/metrics").status()).isEqualTo(403);
        Answer refused = client("tickets-writer", ApiScope.TICKETS_WRITE).get("/actuator/metrics/hub.outbox.lag");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("requiredScope").asText()).isEqualTo("metrics:read");

        ApiTestClient scraper = client("scraper", ApiScope.METRICS_READ);
        assertThat(scraper.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(scraper.get("/actuator/metrics/hub.outbox.lag").status()).isEqualTo(200);
        assertThat(scraper.get("/actuator/info").status()).isEqualTo(200);
        // what only an operator may do stays closed to the scraper's key
        assertThat(scraper.get("/api/v1/dead-letters").status()).isEqualTo(403);
        assertThat(scraper.get("/api/v1/admin/api-keys").status()).isEqualTo(403);
        assertThat(scraper.get("/api/v1/tickets").status()).isEqualTo(403);

        assertThat(client("metrics-admin", ApiScope.ADMIN).get("/actuator/metrics/hub.outbox.lag").status())
                .isEqualTo(200);
    }

    /**
     * The status, and on the root the names of the probe groups Spring Boot always lists (the same two words in
     * every deployment: {@code liveness}, {@code readiness}); no component, no detail.
     */
    private static void assertStatusOnly(String what, Answer a) {
        JsonNode json = a.json();
        assertThat(fieldNames(json)).as(what + ": " + a.body()).contains("status").isSubsetOf("status", "groups");
        if (json.has("groups")) {
            assertThat(json.get("groups").toString()).as(what).isEqualTo("[\"liveness\",\"readiness\"]");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
