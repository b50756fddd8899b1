package org.aftersaleshub.connector.crm.fxiaoke;

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
 * Every configuration key of the FXiaoKe (纷享销客) CRM connector, declared once. One instance is one open-platform app
 * of one tenant (its own token, docs/vendor-apis/fxiaoke.md §3). The reference page {@code docs/connectors/crm.md} is
 * generated from {@link #CONFIG_DEF}.
 */
public final class FxiaokeConfig {

    /** The two token generations the gateway accepts (docs/vendor-apis/fxiaoke.md §3.1, §3.2). */
    public enum TokenStyle { CORP_ACCESS_TOKEN, OAUTH2 }

    private static final String CONNECTION = "Connection";
    private static final String LIMITS = "API limits and paging";
    private static final String WRITES = "Writes";

    public static final ConfigKey BASE_URL = ConfigKey.builder("fxiaoke.base-url").label("API地址")
            .type(ConfigType.URL).defaultValue("https://open.fxiaoke.com").importance(Importance.MEDIUM)
            .group(CONNECTION).description("FXiaoKe OpenAPI host of the tenant's cloud: open.fxiaoke.com (纷享云), "
                    + "open-hwcloud.fxiaoke.com, open-ale.fxiaoke.com, open-hws.fxiaoke.com or open-na.sharecrm.com "
                    + "(docs/vendor-apis/fxiaoke.md §2); www.fxiaoke.com is not an API host.").build();

    public static final ConfigKey TOKEN_STYLE = ConfigKey.builder("fxiaoke.token-style").label("令牌方式")
            .enumOf(TokenStyle.class).defaultValue(TokenStyle.CORP_ACCESS_TOKEN).importance(Importance.MEDIUM)
            .group(CONNECTION).description("CORP_ACCESS_TOKEN: /cgi/corpAccessToken/get/V2, token, corpId and "
                    + "currentOpenUserId in every body (docs/vendor-apis/fxiaoke.md §3.1). OAUTH2: /oauth2.0/token, "
                    + "Bearer token with x-fs-ea and x-fs-userid headers (docs/vendor-apis/fxiaoke.md §3.2). The "
                    + "gateway accepts both.").build();

    public static final ConfigKey APP_ID = ConfigKey.builder("fxiaoke.app-id").label("应用ID (appId)").required()
            .importance(Importance.HIGH).group(CONNECTION)
            .rule(Rule.matches("[A-Za-z0-9_]{1,64}", "letters, digits and '_', e.g. FSAID_13189e1"))
            .description("The open-platform app's appId (FSAID_…), as shown in the FXiaoKe developer console.")
            .build();

    public static final ConfigKey APP_SECRET = ConfigKey.builder("fxiaoke.app-secret").label("应用密钥 (appSecret)")
            .required().secret().importance(Importance.HIGH).group(CONNECTION)
            .description("The app's appSecret; with the appId and permanent code it fetches the access token. A "
                    + "wrong one is refused with 10006 (docs/vendor-apis/fxiaoke.md §4.3).").build();

    public static final ConfigKey PERMANENT_CODE = ConfigKey.builder("fxiaoke.permanent-code").label("永久授权码")
            .required().secret().importance(Importance.HIGH).group(CONNECTION)
            .description("The tenant's permanentCode for this app (docs/vendor-apis/fxiaoke.md §3.1).").build();

    public static final ConfigKey OPEN_USER_ID = ConfigKey.builder("fxiaoke.open-user-id").label("操作人OpenUserId")
            .importance(Importance.MEDIUM).group(CONNECTION)
            .rule(Rule.matches("[A-Za-z0-9_]{1,64}", "letters, digits and '_', e.g. FSUID_…"))
            .description("currentOpenUserId (FSUID_…) the legacy-style calls act as: the employee shown as the "
                    + "writer in the CRM (docs/vendor-apis/fxiaoke.md §3.1). Required with token-style "
                    + "CORP_ACCESS_TOKEN.").build();

    public static final ConfigKey CRM_USER_ID = ConfigKey.builder("fxiaoke.crm-user-id").label("操作人CRM员工ID")
            .defaultValue("1000").importance(Importance.MEDIUM).group(CONNECTION)
            .rule(Rule.matches("[0-9]{1,20}", "the CRM employee id, digits"))
            .description("x-fs-userid the OAUTH2-style calls act as: a CRM employee id such as 1000 "
                    + "(docs/vendor-apis/fxiaoke.md §3.2).").build();

    public static final ConfigKey TOKEN_REFRESH_AHEAD_MS = ConfigKey.builder("fxiaoke.token-refresh-ahead-ms")
            .label("令牌提前刷新").type(ConfigType.LONG).defaultValue(600_000L).importance(Importance.LOW)
            .group(CONNECTION).rule(Rule.between(0, 600_000))
            .description("Milliseconds before expiresIn runs out at which one caller fetches the next token while "
                    + "the others keep using the current one. A token lives 7 200 s and a fetch within its first "
                    + "6 600 s returns the same token (docs/vendor-apis/fxiaoke.md §3.3), so more than 600 000 would "
                    + "spend token calls (at most 10 a minute, never concurrent) on getting the same token back. A "
                    + "token the gateway rejects (20016) is dropped and fetched again once.").build();

    public static final ConfigKey API_CALLS_PER_WINDOW = ConfigKey.builder("fxiaoke.api-calls-per-window")
            .label("每接口窗口调用数").type(ConfigType.INT).defaultValue(100).importance(Importance.LOW).group(LIMITS)
            .rule(Rule.between(1, 100))
            .description("Calls per API path (query, get, create, update, …) the connector sends within "
                    + "fxiaoke.api-window-ms, for this app across all hub instances. FXiaoKe allows 100 per 20 s per "
                    + "API and answers 30004 or 14001 beyond (docs/vendor-apis/fxiaoke.md §4.4). A call without a "
                    + "permit waits up to fxiaoke.timeout-ms, then fails retryably with nothing sent.").build();

    public static final ConfigKey API_WINDOW_MS = ConfigKey.builder("fxiaoke.api-window-ms").label("接口限流窗口")
            .type(ConfigType.LONG).defaultValue(21_000L).importance(Importance.LOW).group(LIMITS)
            .rule(Rule.between(100, 600_000))
            .description("The window of fxiaoke.api-calls-per-window in milliseconds: FXiaoKe's 20 s plus a second "
                    + "for the time between taking a permit and the gateway counting the call.").build();

    public static final ConfigKey PAGE_SIZE = ConfigKey.builder("fxiaoke.page-size").label("分页大小")
            .type(ConfigType.INT).defaultValue(100).importance(Importance.LOW).group(LIMITS)
            .rule(Rule.between(1, 100))
            .description("limit of each query page; FXiaoKe takes at most 100 (docs/vendor-apis/fxiaoke.md §5.3).")
            .build();

    public static final ConfigKey MAX_OFFSET = ConfigKey.builder("fxiaoke.max-offset").label("最大偏移量")
            .type(ConfigType.INT).defaultValue(10_000).importance(Importance.LOW).group(LIMITS)
            .rule(Rule.between(0, 10_000))
            .description("Largest offset a query page is asked for. FXiaoKe refuses offsets above 10 000 (10013); "
                    + "deeper pages are read sorted by _id ascending with offset 0 and _id GT the last id "
                    + "(docs/vendor-apis/fxiaoke.md §5.3). Lower it only for a gateway with a smaller limit.").build();

    public static final ConfigKey TRIGGER_WORKFLOW = ConfigKey.builder("fxiaoke.trigger-workflow")
            .label("写入触发工作流").type(ConfigType.BOOLEAN).defaultValue(false).importance(Importance.MEDIUM)
            .group(WRITES).description("triggerWorkFlow of every create and update. FXiaoKe starts the tenant's "
                    + "workflows on writes unless told otherwise (docs/vendor-apis/fxiaoke.md §5.2); a sync "
                    + "writing data the CRM already knows in another form should not, hence false.").build();

    public static final CommonKeys CALLS = CommonKeys.of("fxiaoke", new CommonKeys.Defaults(15_000, 5_000, 3, 500,
            10_000, 20), Map.of(CommonKeys.REQUESTS_PER_SECOND, "On top of the per-API budget "
            + "(fxiaoke.api-calls-per-window), for all APIs of the instance together.",
            CommonKeys.TIMEOUT_MS, "A create whose answer is lost is not sent again blindly: the next delivery "
            + "looks the external key up first."));

    public static final ConfigDef CONFIG_DEF = new ConfigDef("fxiaoke.")
            .define(BASE_URL, TOKEN_STYLE, APP_ID, APP_SECRET, PERMANENT_CODE, OPEN_USER_ID, CRM_USER_ID,
                    TOKEN_REFRESH_AHEAD_MS, API_CALLS_PER_WINDOW, API_WINDOW_MS, PAGE_SIZE, MAX_OFFSET,
                    TRIGGER_WORKFLOW)
            .define(CALLS.keys()).crossCheck(CALLS::backoffOrder).crossCheck(FxiaokeConfig::identityOfStyle)
            .connectivityTimeout(CALLS.timeoutMs());

    /** The legacy style acts as an open user id, which has no default (docs/vendor-apis/fxiaoke.md §3.1). */
    static List<ConfigProblem> identityOfStyle(ConnectorConfig c) {
        List<ConfigProblem> out = new ArrayList<>();
        if (c.enumValue(TOKEN_STYLE, TokenStyle.class) == TokenStyle.CORP_ACCESS_TOKEN && !c.isSet(OPEN_USER_ID)) {
            out.add(new ConfigProblem(OPEN_USER_ID.name(), "requires", OPEN_USER_ID.display() + " is required with "
                    + TOKEN_STYLE.name() + "=CORP_ACCESS_TOKEN: set the FSUID_… of the employee the calls act as, "
                    + "or use " + TOKEN_STYLE.name() + "=OAUTH2 with " + CRM_USER_ID.name()));
        }
        return out;
    }

    private FxiaokeConfig() {
    }
}
