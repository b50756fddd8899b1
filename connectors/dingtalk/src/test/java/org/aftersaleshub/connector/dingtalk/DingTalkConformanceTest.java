package org.aftersaleshub.connector.dingtalk;

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
import org.aftersaleshub.mock.dingtalk.DingTalkMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit's conformance checks against the DingTalk mock. The effect is a text work notice to one engineer whose
 * content carries the key, counted in what the mock delivered. Its secrets (app secret, robot token and sign
 * secret) are canaries. {@code docs/connectors/dingtalk.md} is generated here: {@code -Dconfig-docs.write=true}
 * rewrites it.
 */
class DingTalkConformanceTest extends ConnectorConformanceTest<DingTalkConnector> {

    static final String FLAG = "config-docs.write";
    static final String ENGINEER = "ding_user_007";

    static final String INTRO = """
            The DingTalk (钉钉) connector sends work notices (工作通知) to people, messages to custom group robots
            (自定义机器人) and interactive cards (互动卡片), and reads the contacts directory (通讯录) for the staff
            sync. It is discovered with `ServiceLoader` (`org.aftersaleshub.connector.dingtalk.DingTalkConnector`,
            capability `NOTIFICATION`) and is also the Camel component `dingtalk:<instance>?operation=<op>` with the
            operations `work-notice`, `robot-send`, `card-deliver` and `card-update`: the path names a connector
            instance the deployment
            declares (`hub.connectors.<instance>`, type `dingtalk`), whose one token cache and call budget every
            endpoint and API call share; outside the hub, the keys below are endpoint options in camelCase
            (`dingtalk.app-secret` → `appSecret`) that start the instance on first use.

            **Token.** One app token per instance, from `gettoken` (LEGACY) or `/v1.0/oauth2/accessToken` (OAUTH2),
            fetched by one caller for all threads, renewed `dingtalk.token-refresh-ahead-seconds` before it expires;
            a token DingTalk refuses (40014, 42001) is renewed at once and the call repeated once.

            **Work notices.** `operation=work-notice` takes `{"key","userIds":[..],"type":"text|markdown","title"?,
            "content"}`, sends it with `asyncsend_v2` and reconciles it with `getsendresult`: the body out is the
            task id and one outcome per person (DELIVERED, ALREADY_DELIVERED, INVALID_USER, FORBIDDEN with its code,
            FAILED, PENDING); `HubDocumentNumber` is the task id; DONE when anyone is reached, FAILED when nobody
            is. DingTalk has no request key; its guard is "the same content to a person once a day" (143106), so a
            resend after an unknown outcome reaches nobody twice — and a deliberate reminder must change its text.

            **Robots.** `operation=robot-send` takes `{"key","robot","msgtype":"text|markdown|actionCard","title"?,
            "content","atUserIds"?,"buttons"?}` (or the robot's name in the `HubRobot` header): signed with the
            robot's `SEC…` secret when it has one, `msgUuid` derived from the key so a resend is delivered once, and
            one message per `60 s / dingtalk.robot-messages-per-minute` per robot, so DingTalk's 20 a minute (and its
            10-minute block) is never reached; beyond the budget the call fails retryably with nothing sent
            (`DingTalkLimitException`).

            **Cards.** At start the instance registers `dingtalk.callback-url` under `dingtalk.callback-route-key`
            (with `dingtalk.api-secret`, which signs clicks). `operation=card-deliver` takes `{"outTrackId",
            "userId"|"openConversationId","cardData":{..}}` and sends one card with `callbackType: HTTP`; the caller's
            `outTrackId` (stable per ticket and recipient) makes a redelivery a no-op. `operation=card-update` takes
            `{"outTrackId","cardData":{..}}` and merges by key.

            **Quota.** Every work-notice and card call counts against `dingtalk.monthly-api-quota` (token and contacts
            calls do not); when it is used up nothing is sent until the month ends (China time).

            **Contacts.** `DingTalkDirectory` walks the department tree from the root (`listsub`, `get` for the
            managers) and pages `user/list` to its end.

            Validation runs in two stages: the parameters below, then one token fetch within `dingtalk.timeout-ms`,
            a refusal reported on `dingtalk.app-secret`, no answer on the base URL of the token style. Secret values
            (also each robot's token and sign secret) are shown as `****` everywhere.""";

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("dingtalk");

    private DingTalkFixture fixture;

    @BeforeEach
    void canaryApp() {
        fixture = new DingTalkFixture(mocks.get(DingTalkMock.class));
    }

    @Override
    protected DingTalkConnector newConnector() {
        return new DingTalkConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return fixture.config();
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> c = new LinkedHashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                c.remove(keyValues[i]);
            } else {
                c.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return c;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        Map<String, String> ok = validConfig();
        return List.of(
                new InvalidConfig("app key missing", with(ok, "dingtalk.app-key", null), "dingtalk.app-key"),
                new InvalidConfig("app secret missing", with(ok, "dingtalk.app-secret", null), "dingtalk.app-secret"),
                new InvalidConfig("agent id not a number", with(ok, "dingtalk.agent-id", "agent-1"),
                        "dingtalk.agent-id"),
                new InvalidConfig("base URL not a URL", with(ok, "dingtalk.base-url", "oapi.dingtalk.com"),
                        "dingtalk.base-url"),
                new InvalidConfig("unknown token style", with(ok, "dingtalk.token-style", "COOKIE"),
                        "dingtalk.token-style"),
                new InvalidConfig("sign secret for an unlisted robot", with(ok, "dingtalk.robot-secrets",
                        "warehouse-west=SECx"), "dingtalk.robot-secrets"),
                new InvalidConfig("timeout out of range", with(ok, "dingtalk.timeout-ms", "10"), "dingtalk.timeout-ms"),
                new InvalidConfig("first back-off above the largest", with(ok, "dingtalk.backoff-initial-ms", "500",
                        "dingtalk.backoff-max-ms", "100"), "dingtalk.backoff-initial-ms"),
                new InvalidConfig("misspelt key", with(ok, "dingtalk.appkey", "x"), "dingtalk.appkey"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        Map<String, String> ok = validConfig();
        String nowhere = "http://127.0.0.1:" + DingTalkFixture.closedPort();
        return List.of(
                new InvalidConfig("nothing listens there", with(ok, "dingtalk.base-url", nowhere),
                        "dingtalk.base-url"),
                new InvalidConfig("wrong app secret (gettoken 40089)", with(ok, "dingtalk.app-secret",
                        "not-the-secret"), "dingtalk.app-secret"),
                new InvalidConfig("wrong app secret (oauth2 400)", with(ok, "dingtalk.token-style", "OAUTH2",
                        "dingtalk.app-secret", "not-the-secret"), "dingtalk.app-secret"),
                new InvalidConfig("new gateway unreachable for the OAuth2 token", with(ok, "dingtalk.token-style",
                        "OAUTH2", "dingtalk.api-base-url", nowhere), "dingtalk.api-base-url"));
    }

    @Override
    protected void performEffect(DingTalkConnector connector, String key) {
        WorkNoticeResult r = connector.sendWorkNotice(new WorkNotice(key, List.of(ENGINEER), WorkNotice.Type.TEXT,
                null, "工单 " + key + " 已派给您"));
        assertThat(r.recipients()).singleElement().satisfies(x -> assertThat(x.reached()).isTrue());
    }

    @Override
    protected long countEffects(String key) {
        return fixture.noticesTo(ENGINEER, key);
    }

    @Override
    protected void expireTokensNow() {
        fixture.expireTokens();
    }

    @Override
    protected long tokenRefreshes(DingTalkConnector connector) {
        return connector.tokenRefreshes();
    }

    @Override
    protected void armCommitThenTimeout() {
        // delivered, then answered after the 1 s call timeout
        fixture.mock().faults().add(new FaultPlan.Rule("asyncsend_v2", FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER,
                1, 1.0, 200, 1_500, 1_500));
    }

    @Override
    protected void armRateLimitAnswer() {
        fixture.scriptError("asyncsend_v2", 90018);
    }

    @Test
    void theResendOfANoticeIsReportedAlreadyDelivered() {
        String key = newKey();
        WorkNotice n = new WorkNotice(key, List.of(ENGINEER), WorkNotice.Type.MARKDOWN, "新工单", "**" + key + "**");
        assertThat(started().sendWorkNotice(n).recipients().get(0).status())
                .isEqualTo(WorkNoticeResult.Status.DELIVERED);
        WorkNoticeResult again = started().sendWorkNotice(n);
        assertThat(again.recipients().get(0).status()).isEqualTo(WorkNoticeResult.Status.ALREADY_DELIVERED);
        assertThat(again.recipients().get(0).code()).isEqualTo("143106");
        assertThat(countEffects(key)).isEqualTo(1);
    }

    @Test
    void referencePageIsWhatTheConfigDefGenerates() throws IOException {
        Path doc = Path.of("../../docs/connectors/dingtalk.md");
        String generated = ConfigDocs.markdown(newConnector().configDef(), "DingTalk connector", INTRO);
        if (Boolean.getBoolean(FLAG)) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, generated, StandardCharsets.UTF_8);
        }
        assertThat(doc).as(doc + " exists; write it with -D" + FLAG + "=true").exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8)).as(doc + " is out of date; rewrite it with -D"
                + FLAG + "=true").isEqualTo(generated);
    }
}
