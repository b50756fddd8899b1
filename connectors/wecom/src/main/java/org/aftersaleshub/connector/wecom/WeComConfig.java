package org.aftersaleshub.connector.wecom;

import java.util.Map;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigType;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * Every configuration key of the WeCom (企业微信) connector, declared once. One instance is one self-built app of one
 * corp (its own token, docs/vendor-apis/wecom.md §2.1); a second app is a second instance. The reference page
 * {@code docs/connectors/wecom.md} is generated from {@link #CONFIG_DEF}.
 */
public final class WeComConfig {

    private static final String CONNECTION = "Connection";
    private static final String MESSAGES = "Messages";
    private static final String CONTACTS = "Contacts";

    public static final ConfigKey BASE_URL = ConfigKey.builder("wecom.base-url").label("服务地址")
            .type(ConfigType.URL).defaultValue("https://qyapi.weixin.qq.com").importance(Importance.MEDIUM)
            .group(CONNECTION).description("WeCom server API root; every call goes to <base-url>/cgi-bin/<api>. "
                    + "Change it only for a proxy or the mock (docs/vendor-apis/wecom.md §2.1).").build();

    public static final ConfigKey CORP_ID = ConfigKey.builder("wecom.corp-id").label("企业ID (CorpID)").required()
            .importance(Importance.HIGH).group(CONNECTION)
            .rule(Rule.matches("[A-Za-z0-9]{1,64}", "letters and digits, as shown under 我的企业 → 企业信息"))
            .description("The corp's CorpID (企业ID), e.g. ww1436e0e65a779aee; a wrong one is refused with 40013 "
                    + "(docs/vendor-apis/wecom.md §2.4).").build();

    public static final ConfigKey AGENT_ID = ConfigKey.builder("wecom.agent-id").label("应用AgentId").required()
            .type(ConfigType.LONG).importance(Importance.HIGH).group(CONNECTION).rule(Rule.between(1, 2_147_483_647L))
            .description("AgentId of the self-built app (自建应用) that sends the messages; the token does not check "
                    + "it, so a wrong one shows on the first send as 40056 (docs/vendor-apis/wecom.md §2.4).").build();

    public static final ConfigKey APP_SECRET = ConfigKey.builder("wecom.app-secret").label("应用Secret").required()
            .secret().importance(Importance.HIGH).group(CONNECTION)
            .description("Secret of that app; with the CorpID it fetches the app's access token (gettoken, "
                    + "docs/vendor-apis/wecom.md §2.1). A wrong one is refused with 40001.").build();

    public static final ConfigKey TOKEN_REFRESH_AHEAD_MS = ConfigKey.builder("wecom.token-refresh-ahead-ms")
            .label("令牌提前刷新").type(ConfigType.LONG).defaultValue(300_000L).importance(Importance.LOW)
            .group(CONNECTION).rule(Rule.between(0, 3_600_000))
            .description("Milliseconds before expires_in runs out at which one caller fetches the next token while "
                    + "the others keep using the current one (WxJava uses 200 s, docs/vendor-apis/wecom.md §2.2). "
                    + "A token WeCom invalidates earlier (40014, 42001, 40001) is dropped and fetched again once.")
            .build();

    public static final ConfigKey ROBOT_KEYS = ConfigKey.builder("wecom.robot-keys").label("群机器人Webhook Key")
            .type(ConfigType.MAP).secret().importance(Importance.MEDIUM).group(MESSAGES)
            .description("Group robots as name=key pairs (dispatch=693a91f6-...,stock=5f2c7a10-...): the key of each "
                    + "robot's webhook URL, which is its only credential (docs/vendor-apis/wecom.md §5). Empty: no "
                    + "robots. Not checked by the connectivity check, which would have to post a message.").build();

    public static final ConfigKey ROBOT_MESSAGES_PER_MINUTE = ConfigKey.builder("wecom.robot-messages-per-minute")
            .label("机器人每分钟消息数").type(ConfigType.INT).defaultValue(18).importance(Importance.LOW).group(MESSAGES)
            .rule(Rule.between(1, 18))
            .description("The connector's own budget per group robot: one message every 60/N seconds. WeCom allows "
                    + "20 a minute and answers 45009 beyond (docs/vendor-apis/wecom.md §5); at most 18 keeps any 21 "
                    + "messages more than 63 s apart. Sends beyond it wait wecom.send-budget-wait-ms, then fail "
                    + "retryably with nothing sent.").build();

    public static final ConfigKey MEMBER_MESSAGES_PER_MINUTE = ConfigKey.builder("wecom.member-messages-per-minute")
            .label("每人每分钟消息数").type(ConfigType.INT).defaultValue(28).importance(Importance.LOW).group(MESSAGES)
            .rule(Rule.between(0, 28))
            .description("The connector's own budget per member (touser) for app messages: one every 60/N seconds. "
                    + "WeCom accepts more than 30 a minute to one member and silently drops them "
                    + "(docs/vendor-apis/wecom.md §2.5), so the connector never sends them: at most 28 keeps any 31 "
                    + "messages more than 62 s apart. 0 turns the budget off (departments and tags are never "
                    + "budgeted: their members are not known here).").build();

    public static final ConfigKey SEND_BUDGET_WAIT_MS = ConfigKey.builder("wecom.send-budget-wait-ms")
            .label("发送预算等待").type(ConfigType.LONG).defaultValue(250).importance(Importance.LOW).group(MESSAGES)
            .rule(Rule.between(0, 60_000))
            .description("Milliseconds a message waits for its robot's or members' next send permit before it is "
                    + "refused (WeComLimitException, nothing sent). The hub then parks it in its database and sends "
                    + "it when the budget frees, merged with the target's other waiting notices into one digest "
                    + "(docs/notifications.md), so keep it short: a waiting message holds a consumer thread.").build();

    public static final ConfigKey DUPLICATE_CHECK_SECONDS = ConfigKey.builder("wecom.duplicate-check-seconds")
            .label("重复消息检查").type(ConfigType.INT).defaultValue(1800).importance(Importance.MEDIUM)
            .group(MESSAGES).rule(Rule.between(0, 86_400))
            .description("Sends app messages with enable_duplicate_check and this duplicate_check_interval, so a "
                    + "message re-sent after a lost answer (the same JSON within the interval) reaches each member "
                    + "once (docs/vendor-apis/wecom.md §3.1). Identical text to the same recipients within the "
                    + "interval is also delivered once. 0 turns the platform's check off.").build();

    public static final ConfigKey CONTACTS_PAGE_SIZE = ConfigKey.builder("wecom.contacts-page-size")
            .label("通讯录分页大小").type(ConfigType.INT).defaultValue(1000).importance(Importance.LOW)
            .group(CONTACTS).rule(Rule.between(1, 10_000))
            .description("limit of each user/list_id page when the staff sync reads the member ids (1 to 10 000, "
                    + "docs/vendor-apis/wecom.md §9.3); the sync pages on until next_cursor is empty.").build();

    public static final CommonKeys CALLS = CommonKeys.of("wecom", new CommonKeys.Defaults(10_000, 5_000, 3, 500,
            10_000, 50), Map.of(CommonKeys.REQUESTS_PER_SECOND, "WeCom allows 10 000 calls a minute per corp and "
            + "API (docs/vendor-apis/wecom.md §2.5); over it the answer is 45009, which is backed off.",
            CommonKeys.TIMEOUT_MS, "An app message whose answer is lost is sent again with the same JSON, which "
            + "the platform's duplicate check delivers once (wecom.duplicate-check-seconds)."));

    public static final ConfigDef CONFIG_DEF = new ConfigDef("wecom.")
            .define(BASE_URL, CORP_ID, AGENT_ID, APP_SECRET, TOKEN_REFRESH_AHEAD_MS, ROBOT_KEYS,
                    ROBOT_MESSAGES_PER_MINUTE, MEMBER_MESSAGES_PER_MINUTE, SEND_BUDGET_WAIT_MS,
                    DUPLICATE_CHECK_SECONDS, CONTACTS_PAGE_SIZE)
            .define(CALLS.keys()).crossCheck(CALLS::backoffOrder)
            .connectivityTimeout(CALLS.timeoutMs());

    private WeComConfig() {
    }
}
