package org.aftersaleshub.connector.dingtalk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConfigType;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * Every configuration key of the DingTalk connector, declared once. The reference page
 * {@code docs/connectors/dingtalk.md} is generated from {@link #CONFIG_DEF}.
 */
public final class DingTalkConnectorConfig {

    /** Which token endpoint the app token comes from (docs/vendor-apis/dingtalk.md §2.1). */
    public enum TokenStyle {
        /** {@code GET <base-url>/gettoken?appkey&appsecret}: marked historical by DingTalk but still served. */
        LEGACY,
        /** {@code POST <api-base-url>/v1.0/oauth2/accessToken} with a JSON body: the current endpoint. */
        OAUTH2
    }

    private static final String CONNECTION = "Connection";
    private static final String APP = "App";
    private static final String ROBOTS = "Group robots";
    private static final String CARDS = "Interactive cards";
    private static final String RELIABILITY = "Timeouts, retries and limits";

    public static final ConfigKey BASE_URL = ConfigKey.builder("dingtalk.base-url").label("旧版服务端地址")
            .type(ConfigType.URL).defaultValue("https://oapi.dingtalk.com").importance(Importance.HIGH)
            .group(CONNECTION)
            .description("The legacy gateway (oapi): gettoken, topapi work notices and contacts go to "
                    + "<base-url>/<path>?access_token=... Point it at the mock in tests.").build();
    public static final ConfigKey API_BASE_URL = ConfigKey.builder("dingtalk.api-base-url").label("新版服务端地址")
            .type(ConfigType.URL).defaultValue("https://api.dingtalk.com").importance(Importance.MEDIUM)
            .group(CONNECTION)
            .description("The new gateway (api.dingtalk.com, /v1.0/...): the OAUTH2 token style and, later, "
                    + "interactive cards. The token travels in the x-acs-dingtalk-access-token header there.")
            .build();
    public static final ConfigKey APP_KEY = ConfigKey.builder("dingtalk.app-key").label("AppKey").required()
            .importance(Importance.HIGH).group(APP)
            .rule(Rule.matches("[A-Za-z0-9_-]{4,64}", "the AppKey (Client ID) of the internal app"))
            .description("AppKey (Client ID) of the internal app (企业内部应用) in the developer console. Tokens, "
                    + "the token cache and the call budget are per app key.").build();
    public static final ConfigKey APP_SECRET = ConfigKey.builder("dingtalk.app-secret").label("AppSecret")
            .required().secret().importance(Importance.HIGH).group(APP)
            .description("AppSecret (Client Secret) of the app. Only ever sent to the token endpoint; never logged.")
            .build();
    public static final ConfigKey AGENT_ID = ConfigKey.builder("dingtalk.agent-id").label("AgentId")
            .type(ConfigType.LONG).required().importance(Importance.HIGH).group(APP).rule(Rule.between(1,
                    Long.MAX_VALUE))
            .description("AgentId of the app: work notices are sent and reconciled (getsendresult) as this agent; "
                    + "a wrong one is refused with 40056.").build();
    public static final ConfigKey TOKEN_STYLE = ConfigKey.builder("dingtalk.token-style").label("令牌接口")
            .enumOf(TokenStyle.class).defaultValue(TokenStyle.LEGACY).importance(Importance.MEDIUM).group(APP)
            .description("LEGACY: GET <base-url>/gettoken. OAUTH2: POST <api-base-url>/v1.0/oauth2/accessToken. "
                    + "Both give the same 7200-second app token, usable on both gateways.").build();
    public static final ConfigKey TOKEN_REFRESH_AHEAD_SECONDS = ConfigKey.builder(
                    "dingtalk.token-refresh-ahead-seconds").label("令牌提前刷新").type(ConfigType.LONG)
            .defaultValue(300).importance(Importance.LOW).group(APP).rule(Rule.between(0, 3600))
            .description("Seconds before the token's expiry (expires_in) at which the next caller fetches a new "
                    + "one, once for all threads. A token DingTalk refuses earlier (40014, 42001) is renewed at "
                    + "once and the call repeated once.").build();
    public static final ConfigKey ROBOT_TOKENS = ConfigKey.builder("dingtalk.robot-tokens").label("机器人Webhook令牌")
            .type(ConfigType.MAP).defaultValue("").secret().importance(Importance.MEDIUM).group(ROBOTS)
            .description("Custom group robots by name: name=access_token of the robot's webhook URL, e.g. "
                    + "warehouse-east=abc123,it-alerts=def456. The token alone lets anyone post to the group, so "
                    + "it is a secret.").build();
    public static final ConfigKey ROBOT_SECRETS = ConfigKey.builder("dingtalk.robot-secrets").label("机器人加签密钥")
            .type(ConfigType.MAP).defaultValue("").secret().importance(Importance.MEDIUM).group(ROBOTS)
            .description("Sign secrets (SEC...) of robots whose security setting is 加签, by the same names as "
                    + "dingtalk.robot-tokens; a robot without one must use keywords or an IP allow-list.").build();
    public static final ConfigKey ROBOT_MESSAGES_PER_MINUTE = ConfigKey.builder("dingtalk.robot-messages-per-minute")
            .label("机器人每分钟消息数").type(ConfigType.INT).defaultValue(18).importance(Importance.LOW).group(ROBOTS)
            .rule(Rule.between(1, 18))
            .description("The connector's own budget per robot: one message every 60/N seconds. DingTalk allows 20 "
                    + "a minute and then blocks the robot for 10 minutes (docs/vendor-apis/dingtalk.md §5.4); at most "
                    + "18 keeps any 21 messages more than 63 s apart, so the block is never reached. Sends beyond it "
                    + "wait dingtalk.send-budget-wait-ms, then fail retryably with nothing sent.").build();
    public static final ConfigKey SEND_BUDGET_WAIT_MS = ConfigKey.builder("dingtalk.send-budget-wait-ms")
            .label("发送预算等待").type(ConfigType.LONG).defaultValue(250).importance(Importance.LOW).group(ROBOTS)
            .rule(Rule.between(0, 60_000))
            .description("Milliseconds a robot message waits for its robot's next send permit before it is refused "
                    + "(DingTalkLimitException ROBOT_BUDGET, nothing sent). The hub then parks it in its database and "
                    + "sends it when the budget frees, merged with the robot's other waiting notices into one digest "
                    + "(docs/notifications.md), so keep it short: a waiting message holds a consumer thread.").build();
    public static final ConfigKey ROBOT_BLOCK_MINUTES = ConfigKey.builder("dingtalk.robot-block-minutes")
            .label("机器人限流时长").type(ConfigType.LONG).defaultValue(10).importance(Importance.LOW).group(ROBOTS)
            .rule(Rule.between(1, 1440))
            .description("Minutes a robot DingTalk throttled (410100 or the older 130101) is left alone: DingTalk "
                    + "blocks it for 10 minutes (docs/vendor-apis/dingtalk.md §5.4).").build();

    public static final ConfigKey CALLBACK_URL = ConfigKey.builder("dingtalk.callback-url").label("卡片回调地址")
            .type(ConfigType.URL).importance(Importance.MEDIUM).group(CARDS)
            .description("The hub's public URL for interactive-card clicks (e.g. https://hub.example.com/callbacks/"
                    + "dingtalk). Registered with DingTalk at start under dingtalk.callback-route-key "
                    + "(card/callbacks/register, docs/vendor-apis/dingtalk.md §7.1); cards are refused while it is "
                    + "unset, because their clicks would never arrive. Event-subscription URLs are set in the "
                    + "developer console instead.").build();
    public static final ConfigKey CALLBACK_ROUTE_KEY = ConfigKey.builder("dingtalk.callback-route-key")
            .label("回调路由Key").defaultValue("aftersales-hub").importance(Importance.LOW).group(CARDS)
            .rule(Rule.matches("[A-Za-z0-9_.-]{1,64}", "letters, digits, '_', '.', '-'; at most 64 (our rule)"))
            .description("callbackRouteKey: the name the callback URL is registered under and every card is sent "
                    + "with. One key maps to one URL; registering again moves every card using it "
                    + "(docs/vendor-apis/dingtalk.md §7.1).").build();
    public static final ConfigKey API_SECRET = ConfigKey.builder("dingtalk.api-secret").label("卡片回调签名密钥")
            .secret().importance(Importance.MEDIUM).group(CARDS)
            .description("apiSecret registered with the callback route: DingTalk then signs each click with "
                    + "x-ddpaas-signature = Base64(HMAC-SHA256(apiSecret, timestamp)) and the hub checks it "
                    + "(docs/vendor-apis/dingtalk.md §7.3). Empty: clicks come unsigned (development only).").build();
    public static final ConfigKey CARD_TEMPLATE_ID = ConfigKey.builder("dingtalk.card-template-id")
            .label("卡片模板ID").importance(Importance.MEDIUM).group(CARDS)
            .description("The card template (cardTemplateId, from the card platform) used when a card-deliver "
                    + "request names none. Its buttons use the click type 回传请求 with params such as "
                    + "{\"action\":\"accept\"} (docs/vendor-apis/dingtalk.md §7.2).").build();
    public static final ConfigKey CARD_ROBOT_CODE = ConfigKey.builder("dingtalk.card-robot-code")
            .label("群卡片机器人编码").importance(Importance.LOW).group(CARDS)
            .description("robotCode for cards to groups (imGroupOpenDeliverModel); empty = dingtalk.app-key, which is "
                    + "the robot code of an internal app's robot (docs/vendor-apis/dingtalk.md §7.2).").build();
    public static final ConfigKey MONTHLY_API_QUOTA = ConfigKey.builder("dingtalk.monthly-api-quota")
            .label("每月接口调用额度").type(ConfigType.LONG).defaultValue(5000).importance(Importance.MEDIUM)
            .group(RELIABILITY).rule(Rule.between(1, 1_000_000_000_000L))
            .description("Server-API calls the organisation may make a calendar month (China time): 5 000 for the "
                    + "standard edition, more for paid editions (docs/vendor-apis/dingtalk.md §3). Every work "
                    + "notice and card call is counted (token and contacts calls are not); when it is used up the "
                    + "connector sends nothing (DingTalkLimitException MONTHLY_QUOTA) until the month ends.").build();

    /** The kit's common keys with DingTalk's defaults (docs/vendor-apis/dingtalk.md §3: 20 calls/s per app and API). */
    public static final CommonKeys CALLS = CommonKeys.of("dingtalk",
            new CommonKeys.Defaults(10_000, 5_000, 3, 1_000, 10_000, 20), Map.of(
                    CommonKeys.REQUESTS_PER_SECOND, "DingTalk: 20 calls/s per app and API for a standard-edition "
                            + "organisation (90018 beyond); this budget covers all the instance's calls.",
                    CommonKeys.BACKOFF_INITIAL_MS, "DingTalk asks for about 1 s after a 90018 answer."));

    public static final ConfigDef CONFIG_DEF = new ConfigDef("dingtalk.")
            .define(BASE_URL, API_BASE_URL, APP_KEY, APP_SECRET, AGENT_ID, TOKEN_STYLE, TOKEN_REFRESH_AHEAD_SECONDS,
                    ROBOT_TOKENS, ROBOT_SECRETS, ROBOT_MESSAGES_PER_MINUTE, SEND_BUDGET_WAIT_MS, ROBOT_BLOCK_MINUTES,
                    CALLBACK_URL, CALLBACK_ROUTE_KEY, API_SECRET, CARD_TEMPLATE_ID, CARD_ROBOT_CODE,
                    MONTHLY_API_QUOTA)
            .define(CALLS.keys())
            .crossCheck(DingTalkConnectorConfig::robotSecretsNameRobots)
            .crossCheck(CALLS::backoffOrder)
            .connectivityTimeout(CALLS.timeoutMs());

    private DingTalkConnectorConfig() {
    }

    /** A sign secret for a robot that has no webhook token is a misspelt name. */
    static List<ConfigProblem> robotSecretsNameRobots(ConnectorConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> tokens = c.map(ROBOT_TOKENS);
        for (String name : c.map(ROBOT_SECRETS).keySet()) {
            if (!tokens.containsKey(name)) {
                problems.add(new ConfigProblem(ROBOT_SECRETS.name(), "unknown-robot", ROBOT_SECRETS.display()
                        + " names robot '" + name + "', which " + ROBOT_TOKENS.name() + " does not list; use "
                        + "one of " + tokens.keySet()));
            }
        }
        return problems;
    }

    /** Every secret value of a parsed configuration, including each value of the secret maps, for masking. */
    static List<String> secretsOf(ConnectorConfig c) {
        List<String> out = new ArrayList<>(c.secretValues());
        out.addAll(c.map(ROBOT_TOKENS).values());
        out.addAll(c.map(ROBOT_SECRETS).values());
        return out.stream().filter(s -> s != null && s.length() >= 4).toList();
    }
}
