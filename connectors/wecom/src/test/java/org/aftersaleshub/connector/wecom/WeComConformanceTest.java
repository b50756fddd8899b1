package org.aftersaleshub.connector.wecom;

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
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit's conformance checks against the WeCom mock. The effect is an app message whose text carries the key; one
 * effect = one delivery to the member. A re-send after a lost answer is the same JSON, which WeCom's duplicate check
 * delivers once (docs/vendor-apis/wecom.md §3.1). {@code docs/connectors/wecom.md} is generated here:
 * {@code -Dconfig-docs.write=true} rewrites it.
 */
class WeComConformanceTest extends ConnectorConformanceTest<WeComConnector> {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("wecom");

    private WeComMock mock;

    @BeforeEach
    void seed() {
        mock = mocks.get(WeComMock.class);
        WeComFixture.seedCanaryApp(mock);
    }

    @Override
    protected WeComConnector newConnector() {
        return new WeComConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return WeComFixture.keys(mock);
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
                new InvalidConfig("base URL not a URL", with("wecom.base-url", "qyapi.weixin.qq.com"),
                        "wecom.base-url"),
                new InvalidConfig("corp id with punctuation", with("wecom.corp-id", "ww-1436!"), "wecom.corp-id"),
                new InvalidConfig("agent id not a number", with("wecom.agent-id", "售后助手"), "wecom.agent-id"),
                new InvalidConfig("agent id zero", with("wecom.agent-id", "0"), "wecom.agent-id"),
                new InvalidConfig("secret missing", with("wecom.app-secret", null), "wecom.app-secret"),
                new InvalidConfig("robot without a key", with("wecom.robot-keys", "dispatch="), "wecom.robot-keys"),
                new InvalidConfig("page larger than list_id allows", with("wecom.contacts-page-size", "10001"),
                        "wecom.contacts-page-size"),
                new InvalidConfig("negative duplicate interval", with("wecom.duplicate-check-seconds", "-1"),
                        "wecom.duplicate-check-seconds"),
                new InvalidConfig("unknown key", with("wecom.agentid", "1000002"), "wecom.agentid"),
                new InvalidConfig("back-off order", with("wecom.backoff-initial-ms", "5000"),
                        "wecom.backoff-initial-ms"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        return List.of(
                new InvalidConfig("nothing listens", with("wecom.base-url", "http://127.0.0.1:" + closedPort()),
                        "wecom.base-url"),
                new InvalidConfig("not the WeCom API", with("wecom.base-url", mock.baseUrl() + "/elsewhere"),
                        "wecom.base-url"),
                new InvalidConfig("wrong secret (40001)", with("wecom.app-secret", "canary-wrong-secret-0a9f"),
                        "wecom.app-secret"),
                new InvalidConfig("wrong corp id (40013)", with("wecom.corp-id", "ww0000000000000000"),
                        "wecom.corp-id"));
    }

    @Override
    protected void performEffect(WeComConnector connector, String key) {
        AppMessageResult r = connector.sendAppMessage(AppMessage.text(key, List.of(WeComFixture.MEMBER),
                "工单提醒 " + key));
        assertThat(r.status()).isEqualTo(AppMessageResult.Status.SENT);
    }

    @Override
    protected long countEffects(String key) {
        return WeComFixture.delivered(mock, WeComFixture.MEMBER, key);
    }

    @Override
    protected void expireTokensNow() {
        // early invalidation: 40014 (docs/vendor-apis/wecom.md §6.1)
        WeComFixture.admin(mock, "tokens/invalidate", "{}");
    }

    @Override
    protected long tokenRefreshes(WeComConnector connector) {
        return WeComFixture.tokenCalls(mock);
    }

    @Override
    protected void armCommitThenTimeout() {
        mock.faults().add(new FaultPlan.Rule("message/send", FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0,
                200, 3000, 3000));
    }

    @Override
    protected void armRateLimitAnswer() {
        WeComFixture.admin(mock, "scripted-errors", "{\"operation\":\"message/send\",\"errcode\":45009,\"count\":1}");
    }

    @Test
    void committedReferencePageMatchesTheDeclaration() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("docs/connectors"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with docs/connectors").isNotNull();
        Path doc = root.resolve("docs/connectors/wecom.md");
        String generated = ConfigDocs.markdown(WeComConfig.CONFIG_DEF, "WeCom (企业微信) connector",
                "One instance is one self-built app of one corp: its access token (fetched once for all threads, "
                + "renewed ahead of expiry and once when WeCom rejects it early), app messages "
                + "(`wecom:<instance>?operation=app-message`, text, markdown or an interactive `template_card` of "
                + "type `button_interaction` whose button keys carry action and ticket, per-recipient partial "
                + "failures reported), card updates with the single-use response code (`operation=card-update`; "
                + "without one, or when WeCom refuses it, the answer says to send a new card), group robots "
                + "(`operation=robot-send`, the robot named in the body or the `HubRobot` header) and the contacts "
                + "reads of the staff sync. Every app message stays within a send budget per member (below WeCom's "
                + "30 a minute, beyond which it drops messages silently) and every robot message within one per "
                + "robot (below 20 a minute); without a permit the call fails retryably with nothing sent "
                + "(`WeComLimitException`). Facts: `docs/vendor-apis/wecom.md`.");
        if (Boolean.getBoolean("config-docs.write")) {
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(doc).as(doc + " exists; write it with -Dconfig-docs.write=true").exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).as(doc + " is out of date; rewrite it with "
                + "-Dtest=WeComConformanceTest -Dconfig-docs.write=true").isEqualTo(generated);
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
