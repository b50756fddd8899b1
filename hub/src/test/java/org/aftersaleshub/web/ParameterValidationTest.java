package org.aftersaleshub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, defect 1: a constraint on a query parameter, path variable or header answered 500 when method
 * validation threw {@code ConstraintViolationException} (a {@code @Validated} controller) and is now a 400 naming
 * the parameter as the client sent it and the rule. Spring MVC's own method validation, type mismatches, missing
 * parameters, unknown parameters and broken percent-encoding answer the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParameterValidationTest extends ApiH2IntegrationTest {

    private ApiTestClient admin;

    @BeforeAll
    void key() {
        admin = client("params-admin", ApiScope.ADMIN, ApiScope.TICKETS_READ, ApiScope.TICKETS_WRITE);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(textBlock = """
            GET, /api/v1/dead-letters?page=-1, page, min:0
            GET, /api/v1/dead-letters?size=0, size, min:1
            GET, /api/v1/dead-letters?size=201, size, max:200
            GET, /api/v1/dead-letters?page=1000001, page, max:1000000
            GET, /api/v1/dead-letters?status=DONE, status, pattern:OPEN|REPLAYED
            GET, /api/v1/dead-letters?page=abc, page, type:integer
            POST, /api/v1/dead-letters/replay?limit=5001, limit, max:5000
            POST, /api/v1/dead-letters/replay?limit=0, limit, min:1
            GET, /api/v1/parts/CMP-1/stock?warehouse=, warehouse, required
            GET, /api/v1/parts/CMP-1/stock, warehouse, required
            GET, /api/v1/parts/CMP-1/stock?warehouse=W123456789012345678901234567890123, warehouse, max-length:32
            GET, /api/v1/tickets?page=-1, page, min:0
            GET, /api/v1/tickets?sort=createdAt, sort, unknown-parameter
            GET, /api/v1/tickets?status=NEW&status=BOGUS, status, single-value
            GET, /api/v1/dead-letters?size=10&size=500, size, single-value
            GET, /api/v1/connectors?check=maybe, check, type:boolean
            GET, /api/v1/tickets/3f1c2a4e-8d7b-4c6a-9e2f-1a2b3c4d5e6f/part-usages/a%20b, usageId, pattern:[A-Za-z0-9._:-]+
            DELETE, /api/v1/admin/api-keys/K12345678901234567890123456789012345678901234567890123456789012345, id, max-length:64
            """)
    void answers400NamingTheParameterAndTheRule(String method, String path, String field, String rule) {
        ApiTestClient.Answer a = method.equals("POST") ? admin.post(path, "{}")
                : admin.send(admin.request(path).method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build());

        assertThat(a.status()).as(a.body()).isEqualTo(400);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(named(a)).as(a.body()).contains(field + " " + rule);
        assertThat(a.body()).doesNotContain("arg0", "arg1", ".list", "stock.", "Exception");
    }

    private static List<String> named(Answer a) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : a.json().path("errors")) {
            out.add(e.path("field").asText() + " " + e.path("rule").asText());
        }
        return out;
    }
}
