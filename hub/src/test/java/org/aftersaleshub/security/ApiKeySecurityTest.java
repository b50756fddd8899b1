package org.aftersaleshub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.web.ApiH2IntegrationTest;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/** API keys over real HTTP: who gets in, with which scope, and that no key ever reaches a log. */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeySecurityTest extends ApiH2IntegrationTest {

    @Autowired
    AuditLog audit;
    @Autowired
    Environment environment;
    @Autowired
    DemoApiKeyFile demoKeyFile;

    @Test
    void noKeyIs401ProblemWithABearerChallenge() {
        Answer a = anonymous().get("/api/v1/tickets");

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"aftersales-hub\"");
        assertThat(a.json().get("type").asText()).isEqualTo("urn:aftersales-hub:problem:unauthorized");
        assertThat(anonymous().post("/api/v1/tickets", ApiTestClient.ticketJson()).status()).isEqualTo(401);
    }

    @Test
    void wrongKeysAre401WithoutEchoingTheKey() {
        IssuedApiKey real = apiKeys.create("real", List.of(ApiScope.TICKETS_READ), "test");
        String wrongSecret = real.key().substring(0, real.key().length() - 4) + "AAAA";
        for (String wrong : List.of("not-a-key", "ahk_ffffffffffffffff_" + "x".repeat(43), wrongSecret, "ahk__x")) {
            Answer a = anonymous().withKey(wrong).get("/api/v1/tickets");
            assertThat(a.status()).as(wrong).isEqualTo(401);
            assertThat(a.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertThat(a.body()).doesNotContain(wrong);
        }
        assertThat(anonymous().withKey(real.key()).get("/api/v1/tickets").status()).isEqualTo(200);
    }

    @Test
    void theKeyMayAlsoComeInTheXApiKeyHeader() {
        IssuedApiKey key = apiKeys.create("x-api-key-user", List.of(ApiScope.TICKETS_READ), "test");
        Answer a = anonymous().send(anonymous().request("/api/v1/tickets").header("X-API-Key", key.key()).GET()
                .build());
        assertThat(a.status()).isEqualTo(200);
    }

    @Test
    void readOnlyKeyGets403NamingTheMissingScope() {
        ApiTestClient reader = client("reader", ApiScope.TICKETS_READ);

        String customer = "C-" + java.util.UUID.randomUUID();
        Answer a = reader.post("/api/v1/tickets", ApiTestClient.ticketJson().replace("C-10086", customer));

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("requiredScope").asText()).isEqualTo("tickets:write");
        assertThat(a.json().get("detail").asText()).contains("tickets:write");
        assertThat(jdbc.queryForObject("select count(*) from ticket where customer_id = ?", Integer.class, customer))
                .isZero();
        assertThat(reader.get("/api/v1/admin/api-keys").status()).isEqualTo(403);
        assertThat(reader.get("/api/v1/dead-letters").json().get("requiredScope").asText()).isEqualTo("admin");
    }

    @Test
    void writeOnlyKeyCannotRead() {
        ApiTestClient writerOnly = client("writer-only", ApiScope.TICKETS_WRITE);
        assertThat(writerOnly.post("/api/v1/tickets", ApiTestClient.ticketJson()).status()).isEqualTo(201);
        assertThat(writerOnly.get("/api/v1/tickets").status()).isEqualTo(403);
    }

    @Test
    void adminCreatesAKeyShownOnceListsWithoutSecretsAndRevocationLocksItOutAtOnce(CapturedOutput output) {
        ApiTestClient admin = client("ops-admin", ApiScope.ADMIN);

        Answer created = admin.post("/api/v1/admin/api-keys",
                "{\"name\":\"erp-bridge\",\"scopes\":[\"tickets:read\",\"tickets:write\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        assertThat(key).startsWith("ahk_" + id + "_");
        ApiTestClient bridge = admin.withKey(key);
        assertThat(bridge.post("/api/v1/tickets", ApiTestClient.ticketJson()).status()).isEqualTo(201);
        String secret = secretOf(key);
        assertThat(jdbc.queryForObject("select secret_hash from api_key where id = ?", String.class, id))
                .hasSize(64).doesNotContain(secret);

        Answer list = admin.get("/api/v1/admin/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("erp-bridge").doesNotContain(secret).doesNotContain("secret");

        assertThat(admin.delete("/api/v1/admin/api-keys/" + id).status()).isEqualTo(204);
        Answer revoked = bridge.get("/api/v1/tickets");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("detail").asText()).contains("revoked");
        assertThat(admin.delete("/api/v1/admin/api-keys/0000000000000000").status()).isEqualTo(404);

        List<AuditLog.Entry> creations = audit.recent("api-key.create", 100);
        assertThat(creations).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("ops-admin");
            assertThat(e.target()).isEqualTo("api-key:" + id);
        });
        assertThat(audit.recent("api-key.revoke", 100)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("ops-admin");
            assertThat(e.target()).isEqualTo("api-key:" + id);
        });
        assertThat(audit.recent(null, 1000).toString()).doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(key).doesNotContain(secret);
    }

    @Test
    void keysNeverAppearInTheLogsEvenWhenRequestsFail(CapturedOutput output) {
        IssuedApiKey key = apiKeys.create("logged-or-not", List.of(ApiScope.TICKETS_READ), "test");
        ApiTestClient api = anonymous().withKey(key.key());
        String secret = secretOf(key.key());

        api.get("/api/v1/tickets");
        api.post("/api/v1/tickets", ApiTestClient.ticketJson());
        api.get("/api/v1/tickets/not-a-uuid");
        anonymous().withKey(key.key() + "x").get("/api/v1/tickets");
        apiKeys.revoke(key.id(), "test");
        api.get("/api/v1/tickets");

        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(key.key());
    }

    @Test
    void healthAndApiDocsArePublicPrometheusNeedsAdmin() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        Answer docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/tickets")).isTrue();
        assertThat(paths.has("/api/v1/tickets/{id}/part-usages")).isTrue();
        assertThat(docs.body()).contains("Idempotency-Key").contains("bearer");
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(client("reader", ApiScope.TICKETS_READ).get("/actuator/prometheus").status()).isEqualTo(403);
        // Tests run without metrics export (Spring Boot test default), so admin access is shown on /actuator/metrics.
        assertThat(client("metrics-admin", ApiScope.ADMIN).get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(client("reader", ApiScope.TICKETS_READ).get("/actuator/metrics").status()).isEqualTo(403);
    }

    @Test
    void embeddedDefaultWroteAWorkingAdminKeyToAnOwnerOnlyFile() throws Exception {
        Path file = demoKeyFile.file();
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file).trim();
        assertThat(anonymous().withKey(key).get("/api/v1/admin/api-keys").status()).isEqualTo(200);
    }

    @Test
    void demoKeyIsWrittenOnceAndOnlyItsPathIsLogged(CapturedOutput output) throws Exception {
        Path file = Files.createTempDirectory("demo-key-").resolve("nested").resolve("demo-api-key.txt");
        DemoApiKeyFile demo = new DemoApiKeyFile(new HubSecurityProperties(true, file, false, null, null), apiKeys,
                environment);

        demo.run(null);
        String key = Files.readString(file).trim();
        demo.run(null);

        assertThat(Files.readString(file).trim()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(anonymous().withKey(key).get("/api/v1/admin/api-keys").status()).isEqualTo(200);
        String secret = secretOf(key);
        assertThat(output.getAll()).contains(file.toString()).doesNotContain(key).doesNotContain(secret);
    }

    @Test
    void noDemoKeyWhenSwitchedOff() throws Exception {
        Path file = Files.createTempDirectory("demo-key-off-").resolve("demo-api-key.txt");
        new DemoApiKeyFile(new HubSecurityProperties(false, file, false, null, null), apiKeys, environment).run(null);
        assertThat(file).doesNotExist();
    }

    @Test
    void commandLinePrintsANewKeyOnceAndExits() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger exitCode = new AtomicInteger(-1);
        GenericApplicationContext commandContext = new GenericApplicationContext();
        commandContext.refresh();
        MockEnvironment env = new MockEnvironment().withProperty(CreateApiKeyCommand.PROPERTY,
                "call-center:tickets:read,tickets:write");

        new CreateApiKeyCommand(env, apiKeys, commandContext, new PrintStream(out, true, StandardCharsets.UTF_8),
                exitCode::set).run(null);

        String key = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(exitCode).hasValue(0);
        assertThat(key).matches("ahk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        ApiTestClient api = anonymous().withKey(key);
        assertThat(api.post("/api/v1/tickets", ApiTestClient.ticketJson()).status()).isEqualTo(201);
        assertThat(api.get("/api/v1/tickets").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/api-keys").status()).isEqualTo(403);
        assertThat(audit.recent("api-key.create", 100)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("command-line");
            assertThat(e.detail()).contains("name=call-center");
        });
    }

    @Test
    void commandLineRefusesAnUnknownScope() {
        AtomicInteger exitCode = new AtomicInteger(-1);
        GenericApplicationContext commandContext = new GenericApplicationContext();
        commandContext.refresh();
        MockEnvironment env = new MockEnvironment().withProperty(CreateApiKeyCommand.PROPERTY, "x:root");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new CreateApiKeyCommand(env, apiKeys, commandContext, new PrintStream(out, true, StandardCharsets.UTF_8),
                exitCode::set).run(null);

        assertThat(exitCode).hasValue(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** The secret part of a key: what follows the key id ({@code ahk_<id>_<secret>}); it may itself contain '_'. */
    private static String secretOf(String key) {
        String secret = key.substring(key.indexOf('_', ApiKeyService.PREFIX.length()) + 1);
        assertThat(secret).as("secret part of the key").hasSizeGreaterThan(20);
        return secret;
    }
}
