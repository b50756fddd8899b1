package org.aftersaleshub.connector.crm.fxiaoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.config.ConfigDocs;
import org.aftersaleshub.connector.conformance.ConnectorConformanceTest;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit's conformance checks against the FXiaoKe mock. The effect is an upsert of an account keyed by
 * {@code account_no}; one effect = one account holding the key. {@code docs/connectors/crm.md} is generated here:
 * {@code -Dconfig-docs.write=true} rewrites it.
 */
class FxiaokeConformanceTest extends ConnectorConformanceTest<FxiaokeConnector> {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("fxiaoke");

    private FxiaokeMock mock;

    @BeforeEach
    void seed() {
        mock = mocks.get(FxiaokeMock.class);
        FxiaokeFixture.seedCanaryApp(mock);
    }

    @Override
    protected FxiaokeConnector newConnector() {
        return new FxiaokeConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return FxiaokeFixture.keys(mock);
    }

    private Map<String, String> with(String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(validConfig());
        if (value == null) {
            c.remove(key);
        } else {
            c.put(key, value);
        }
        return c;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        return List.of(
                new InvalidConfig("base URL not a URL", with("fxiaoke.base-url", "open.fxiaoke.com"),
                        "fxiaoke.base-url"),
                new InvalidConfig("unknown token style", with("fxiaoke.token-style", "cookie"),
                        "fxiaoke.token-style"),
                new InvalidConfig("app id with punctuation", with("fxiaoke.app-id", "FSAID-13!"), "fxiaoke.app-id"),
                new InvalidConfig("secret missing", with("fxiaoke.app-secret", null), "fxiaoke.app-secret"),
                new InvalidConfig("permanent code missing", with("fxiaoke.permanent-code", null),
                        "fxiaoke.permanent-code"),
                new InvalidConfig("legacy style without the acting user", with("fxiaoke.open-user-id", null),
                        "fxiaoke.open-user-id"),
                new InvalidConfig("page above FXiaoKe's limit of 100", with("fxiaoke.page-size", "101"),
                        "fxiaoke.page-size"),
                new InvalidConfig("offset above 10 000", with("fxiaoke.max-offset", "10100"), "fxiaoke.max-offset"),
                new InvalidConfig("budget above 100 per window", with("fxiaoke.api-calls-per-window", "150"),
                        "fxiaoke.api-calls-per-window"),
                new InvalidConfig("refresh before the reuse window ends", with("fxiaoke.token-refresh-ahead-ms",
                        "1200000"), "fxiaoke.token-refresh-ahead-ms"),
                new InvalidConfig("unknown key", with("fxiaoke.appid", "FSAID_1"), "fxiaoke.appid"),
                new InvalidConfig("back-off order", with("fxiaoke.backoff-initial-ms", "5000"),
                        "fxiaoke.backoff-initial-ms"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        return List.of(
                new InvalidConfig("nothing listens", with("fxiaoke.base-url", "http://127.0.0.1:" + closedPort()),
                        "fxiaoke.base-url"),
                new InvalidConfig("not the OpenAPI host", with("fxiaoke.base-url", mock.baseUrl() + "/elsewhere"),
                        "fxiaoke.base-url"),
                new InvalidConfig("wrong secret (10006)", with("fxiaoke.app-secret", "canary-wrong-secret-51d0"),
                        "fxiaoke.app-secret"),
                new InvalidConfig("wrong permanent code (10006)", with("fxiaoke.permanent-code",
                        "canary-wrong-code-77e2"), "fxiaoke.permanent-code"),
                new InvalidConfig("unknown app (10006)", with("fxiaoke.app-id", "FSAID_000000"), "fxiaoke.app-id"));
    }

    @Override
    protected void performEffect(FxiaokeConnector connector, String key) {
        UpsertResult r = connector.upsertByExternalKey("AccountObj", "account_no", key,
                Map.of("name", "一致性测试客户 " + key));
        assertThat(r.written()).as(r.summary()).isTrue();
    }

    @Override
    protected long countEffects(String key) {
        return FxiaokeFixture.records(mock, "AccountObj", "account_no", key).size();
    }

    @Override
    protected void expireTokensNow() {
        FxiaokeFixture.admin(mock, "tokens/expire", "{}"); // the gateway answers 20016 from now on
    }

    @Override
    protected long tokenRefreshes(FxiaokeConnector connector) {
        return FxiaokeFixture.tokenCalls(mock);
    }

    @Override
    protected void armCommitThenTimeout() {
        mock.faults().add(new FaultPlan.Rule("data/create", FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0,
                200, 3000, 3000));
    }

    @Override
    protected void armRateLimitAnswer() {
        FxiaokeFixture.admin(mock, "scripted-errors", "{\"operation\":\"data/create\",\"errorCode\":30004,"
                + "\"count\":1}");
    }

    @Test
    void committedReferencePageMatchesTheDeclaration() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("docs/connectors"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with docs/connectors").isNotNull();
        Path doc = root.resolve("docs/connectors/crm.md");
        String generated = ConfigDocs.markdown(FxiaokeConfig.CONFIG_DEF, "CRM connector: FXiaoKe (纷享销客)",
                CrmReferencePage.INTRO);
        if (Boolean.getBoolean("config-docs.write")) {
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(doc).as(doc + " exists; write it with -Dconfig-docs.write=true").exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).as(doc + " is out of date; rewrite it with "
                + "-Dtest=FxiaokeConformanceTest -Dconfig-docs.write=true").isEqualTo(generated);
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
