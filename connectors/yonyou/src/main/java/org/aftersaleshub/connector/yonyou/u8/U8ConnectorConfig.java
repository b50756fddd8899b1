package org.aftersaleshub.connector.yonyou.u8;

import java.util.Map;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigType;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * Every configuration key of the Yonyou U8 OpenAPI connector, declared once. {@code docs/connectors/u8.md} is
 * generated from {@link #CONFIG_DEF} (the conformance test fails when it differs), and the {@code u8:} endpoint
 * takes every key as an option (camelCase of its suffix).
 */
public final class U8ConnectorConfig {

    /** How {@code otherout/add} is called (docs/vendor-apis/yonyou-u8.md §5.3). */
    public enum WriteMode {
        /**
         * {@code sync=1}: the voucher id comes back in the answer (docs/vendor-apis/yonyou-u8.md §9 suggests it where
         * latency allows).
         */
        SYNC,
        /** {@code sync=0}: the answer carries {@code url} + {@code ping_after}; the connector polls the url. */
        ASYNC
    }

    private static final String CONNECTION = "Connection";
    private static final String DOCUMENTS = "Documents";
    private static final String MAPPING = "Code mapping";
    private static final String ERRORS = "Error codes";
    private static final String RELIABILITY = "Timeouts, retries and limits";

    public static final ConfigKey BASE_URL = ConfigKey.builder("u8.base-url").label("开放平台地址")
            .type(ConfigType.URL).defaultValue("https://api.yonyouup.com/").importance(Importance.HIGH)
            .group(CONNECTION)
            .description("Base URL of the U8 OpenAPI cloud proxy. System calls go to <base-url>system/..., business "
                    + "calls to <base-url>api/<resource>/<method>.").build();
    public static final ConfigKey FROM_ACCOUNT = ConfigKey.builder("u8.from-account").label("调用方账号 from_account")
            .required().importance(Importance.HIGH).group(CONNECTION)
            .description("Developer (caller) account, sent as from_account on every call.").build();
    public static final ConfigKey TO_ACCOUNT = ConfigKey.builder("u8.to-account").label("提供方账号 to_account")
            .required().importance(Importance.HIGH).group(CONNECTION)
            .description("Enterprise (provider) account whose U8 the calls reach through its 开放平台客户端 agent; "
                    + "sent as to_account.").build();
    public static final ConfigKey APP_KEY = ConfigKey.builder("u8.app-key").label("应用编码 app_key").required()
            .importance(Importance.HIGH).group(CONNECTION)
            .rule(Rule.matches("[A-Za-z0-9_-]{4,64}", "an application code such as opa5e9d3c1b2a4f6e8"))
            .description("Application code (app_key) of the integration app registered on the open platform.").build();
    public static final ConfigKey APP_SECRET = ConfigKey.builder("u8.app-secret").label("应用密钥 app_secret")
            .required().secret().importance(Importance.HIGH).group(CONNECTION)
            .description("Secret of the app; only sent to /system/token (as a query parameter, as the API demands). "
                    + "Never logged.").build();
    public static final ConfigKey DS_SEQUENCE = ConfigKey.builder("u8.ds-sequence").label("数据源序号 ds_sequence")
            .type(ConfigType.INT).importance(Importance.LOW).group(CONNECTION).rule(Rule.between(1, 99))
            .description("Data-source number of the enterprise account; leave empty for the first data source.")
            .build();

    public static final ConfigKey RECEIVE_CODE = ConfigKey.builder("u8.receive-code").label("收发类别编码").required()
            .importance(Importance.HIGH).group(DOCUMENTS)
            .rule(Rule.matches("[A-Za-z0-9]{1,20}", "a send/receive type code such as 21"))
            .description("Send/receive type code (receivecode, 收发类别) written on other-outbound vouchers; required "
                    + "by otherout/add.").build();
    public static final ConfigKey DEPARTMENT_CODE = ConfigKey.builder("u8.department-code").label("部门编码")
            .importance(Importance.LOW).group(DOCUMENTS)
            .description("Department code (departmentcode) written on vouchers; leave empty when not required.")
            .build();
    public static final ConfigKey MAKER = ConfigKey.builder("u8.maker").label("制单人")
            .importance(Importance.LOW).group(DOCUMENTS)
            .description("Maker name written on vouchers; leave empty to let U8 use the integration user.").build();
    public static final ConfigKey WRITE_MODE = ConfigKey.builder("u8.write-mode").label("调用方式 sync")
            .enumOf(WriteMode.class).defaultValue(WriteMode.SYNC).importance(Importance.MEDIUM).group(DOCUMENTS)
            .description("SYNC: otherout/add with sync=1, the voucher id comes back inline. ASYNC: sync=0 (the API's "
                    + "default); the answer's url is polled after ping_after seconds, at most u8.async-max-polls "
                    + "times. Either way the voucher is keyed by biz_id = the part-usage id.").build();

    public static final ConfigKey INVENTORY_CODES = ConfigKey.builder("u8.inventory-codes").label("存货编码对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.MEDIUM).group(MAPPING)
            .description("Hub part SKU to U8 inventory code, e.g. SP-COMP-001=0010001. Used when the request does not "
                    + "carry the ERP code itself; a SKU not listed is used as the inventory code."
                    + " For the connector used on its own (a Camel application without the hub): the hub always sends"
                    + " the code from its master data (header HubErpPartCode, table spare_part_erp_code), which wins"
                    + " over this key, and does not need it; leave it empty in the hub.").build();
    public static final ConfigKey WAREHOUSE_CODES = ConfigKey.builder("u8.warehouse-codes").label("仓库编码对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.MEDIUM).group(MAPPING)
            .description("Hub warehouse code to U8 warehouse code, e.g. WH01=01,WH02=02; a code not listed is used "
                    + "as the U8 warehouse code."
                    + " For the connector used on its own (a Camel application without the hub): the hub always sends"
                    + " the code from its master data (header HubErpWarehouseCode, table warehouse), which wins over"
                    + " this key, and does not need it; leave it empty in the hub.").build();

    public static final ConfigKey TOKEN_ERRCODES = ConfigKey.builder("u8.token-errcodes").label("token失效错误码")
            .defaultValue("30011").importance(Importance.LOW).group(ERRORS)
            .rule(Rule.matches("[0-9]+(,[0-9]+)*", "a comma-separated list of errcodes"))
            .description("errcodes meaning 'token invalid or expired' (not published by Yonyou, "
                    + "docs/vendor-apis/yonyou-u8.md §8.1): the "
                    + "token is dropped, fetched again once, and the call repeated (safe: writes are keyed by biz_id).")
            .build();
    public static final ConfigKey DUPLICATE_ERRCODES = ConfigKey.builder("u8.duplicate-errcodes")
            .label("重复提交错误码").defaultValue("2003").importance(Importance.LOW).group(ERRORS)
            .rule(Rule.matches("[0-9]+(,[0-9]+)*", "a comma-separated list of errcodes"))
            .description("errcodes with which a server answers a repeated biz_id instead of the original result "
                    + "(docs/vendor-apis/yonyou-u8.md §4.3, undocumented): treated as 'the voucher already exists', "
                    + "never as a failure.").build();
    public static final ConfigKey RETRYABLE_ERRCODES = ConfigKey.builder("u8.retryable-errcodes")
            .label("可重试错误码").defaultValue("").importance(Importance.LOW).group(ERRORS)
            .rule(Rule.matches("([0-9]+(,[0-9]+)*)?", "a comma-separated list of errcodes"))
            .description("errcodes that mean 'try again later' (agent offline, throttling) on your installation; "
                    + "any other non-zero errcode on a write fails the usage with U8's message.").build();

    /**
     * The common keys ({@code u8.timeout-ms}, {@code .connect-timeout-ms}, {@code .max-attempts},
     * {@code .backoff-initial-ms}, {@code .backoff-max-ms}, {@code .requests-per-second}) with U8's defaults.
     */
    public static final CommonKeys CALLS = CommonKeys.of("u8", new CommonKeys.Defaults(30_000, 5_000, 3, 500, 10_000,
            20), Map.of(
            CommonKeys.TIMEOUT_MS, "U8 reconciles it itself: the redelivery posts the same biz_id and U8 answers with "
                    + "the original voucher.",
            CommonKeys.MAX_ATTEMPTS, "The errcodes in u8.retryable-errcodes are repeated the same way.",
            CommonKeys.REQUESTS_PER_SECOND, "The open platform publishes no limit "
                    + "(docs/vendor-apis/yonyou-u8.md §8.3)."));

    public static final ConfigKey TOKEN_TTL_SECONDS = ConfigKey.builder("u8.token-ttl-seconds").label("token缓存时长")
            .type(ConfigType.LONG).defaultValue(6_900).importance(Importance.LOW).group(RELIABILITY)
            .rule(Rule.between(60, 6_900))
            .description("Seconds a token is reused; U8 tokens live 7200 s and the official SDK renews after "
                    + "1 h 55 min (6900 s), the maximum allowed here.").build();
    public static final ConfigKey ASYNC_MAX_POLLS = ConfigKey.builder("u8.async-max-polls").label("异步轮询次数")
            .type(ConfigType.INT).defaultValue(20).importance(Importance.LOW).group(RELIABILITY)
            .rule(Rule.between(1, 100))
            .description("ASYNC mode: how many times the result url is polled (the official SDK's limit is 20) "
                    + "before the outcome is reported unknown and left to a later retry with the same biz_id.")
            .build();
    public static final ConfigKey ASYNC_MAX_WAIT_MS = ConfigKey.builder("u8.async-max-wait-ms").label("轮询等待上限")
            .type(ConfigType.LONG).defaultValue(5_000).importance(Importance.LOW).group(RELIABILITY)
            .rule(Rule.between(0, 60_000))
            .description("ASYNC mode: upper bound of the wait between polls; the wait is ping_after seconds as U8 "
                    + "asks, capped by this value.").build();

    public static final ConfigDef CONFIG_DEF = new ConfigDef("u8.")
            .define(BASE_URL, FROM_ACCOUNT, TO_ACCOUNT, APP_KEY, APP_SECRET, DS_SEQUENCE)
            .define(RECEIVE_CODE, DEPARTMENT_CODE, MAKER, WRITE_MODE)
            .define(INVENTORY_CODES, WAREHOUSE_CODES)
            .define(TOKEN_ERRCODES, DUPLICATE_ERRCODES, RETRYABLE_ERRCODES)
            .define(CALLS.keys())
            .define(TOKEN_TTL_SECONDS, ASYNC_MAX_POLLS, ASYNC_MAX_WAIT_MS)
            .crossCheck(CALLS::backoffOrder)
            .connectivityTimeout(CALLS.timeoutMs());

    private U8ConnectorConfig() {
    }
}
