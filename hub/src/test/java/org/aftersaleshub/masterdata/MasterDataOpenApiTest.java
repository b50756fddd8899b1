package org.aftersaleshub.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.aftersaleshub.web.ApiTestClient;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI shape of the four master-data resources (their paths under /v3/api-docs and every schema those reach)
 * against the committed snapshot, so a change of how the controllers are built cannot change what clients see
 * unnoticed. A deliberate API change rewrites it: {@code ./mvnw -pl hub -am test -Dtest=MasterDataOpenApiTest
 * -Dopenapi-snapshot.write=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MasterDataOpenApiTest extends ApiH2IntegrationTest {

    static final List<String> PREFIXES = List.of("/api/v1/customers", "/api/v1/devices", "/api/v1/parts",
            "/api/v1/warehouses");
    static final Path SNAPSHOT = Path.of("src/test/resources/org/aftersaleshub/masterdata/openapi-masterdata.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void theMasterDataPathsAndTheirSchemasAreThoseOfTheSnapshot() throws Exception {
        ApiTestClient.Answer docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode shape = shape(docs.json());
        assertThat(shape.path("paths").size()).as("master-data paths").isGreaterThanOrEqualTo(8);
        String text = JSON.writeValueAsString(JSON.treeToValue(shape, Object.class)) + "\n";
        if (Boolean.getBoolean("openapi-snapshot.write")) {
            Files.writeString(SNAPSHOT, text, StandardCharsets.UTF_8);
        }
        assertThat(text).as("rewrite with -Dopenapi-snapshot.write=true only for a deliberate API change")
                .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    /** The paths under {@link #PREFIXES} and the component schemas they reach, transitively. */
    static JsonNode shape(JsonNode api) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode paths = out.putObject("paths");
        api.path("paths").fields().forEachRemaining(e -> {
            if (PREFIXES.stream().anyMatch(p -> e.getKey().equals(p) || e.getKey().startsWith(p + "/"))) {
                paths.set(e.getKey(), e.getValue());
            }
        });
        Set<String> seen = new TreeSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>(List.of(paths));
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isObject() && n.has("$ref")) {
                String name = n.get("$ref").asText().replace("#/components/schemas/", "");
                if (seen.add(name)) {
                    todo.push(api.path("components").path("schemas").path(name));
                }
            }
            n.elements().forEachRemaining(todo::push);
        }
        ObjectNode schemas = out.putObject("schemas");
        seen.forEach(name -> schemas.set(name, api.path("components").path("schemas").path(name)));
        return out;
    }
}
