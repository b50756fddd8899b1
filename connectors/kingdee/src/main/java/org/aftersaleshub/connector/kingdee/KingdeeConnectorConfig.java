package org.aftersaleshub.connector.kingdee;

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
 * Every configuration key of the Kingdee K/3 Cloud connector, declared once. The reference page
 * {@code docs/connectors/kingdee.md} is generated from {@link #CONFIG_DEF}.
 */
public final class KingdeeConnectorConfig {

    /** How the connector authenticates (docs/vendor-apis/kingdee-k3cloud.md §4). */
    public enum AuthMode {
        /**
         * SDK 8.x signature headers on every call, session cookie reused (recommended,
         * docs/vendor-apis/kingdee-k3cloud.md §11).
         */
        SIGNATURE,
        /** AuthService.LoginBySign (app id + signed timestamp), then the session cookie. */
        LOGIN_BY_SIGN,
        /** AuthService.ValidateUser (user + password), then the session cookie; Kingdee marks it not recommended. */
        VALIDATE_USER
    }

    /** How a document is brought to "audited" (docs/vendor-apis/kingdee-k3cloud.md §8.2, §8.3). */
    public enum WriteMode {
        /** Save, Submit and Audit as separate calls: a partial failure is visible and completed on the next try. */
        STEPWISE,
        /** Save with IsAutoSubmitAndAudit, then re-query FDocumentStatus and finish step by step if needed. */
        AUTO_AUDIT
    }

    /** Digest of the LoginBySign signature. */
    public enum SignAlgorithm {
        /** Servers from 8.0.0.202205. */
        SHA256,
        /** Older servers. */
        SHA1
    }

    private static final String CONNECTION = "Connection";
    private static final String AUTH = "Authentication";
    private static final String DOCUMENTS = "Documents";
    private static final String MAPPING = "Code mapping";
    private static final String RELIABILITY = "Timeouts, retries and limits";

    public static final ConfigKey BASE_URL = ConfigKey.builder("kingdee.base-url").label("服务地址")
            .type(ConfigType.URL).required().importance(Importance.HIGH).group(CONNECTION)
            .description("Base URL of the K/3 Cloud WebAPI, ending before the service name, e.g. "
                    + "https://erp.example.com/k3cloud/ (on-premises) or https://api.kingdee.com/galaxyapi/ (cloud). "
                    + "Every call is POST <base-url><service>.common.kdsvc.").build();
    public static final ConfigKey ACCT_ID = ConfigKey.builder("kingdee.acct-id").label("账套ID").required()
            .importance(Importance.HIGH).group(CONNECTION)
            .rule(Rule.matches("[A-Za-z0-9_-]{1,64}", "letters, digits, '-' or '_' (the data-centre id)"))
            .description("Account-set (data centre, 数据中心) id. Shown in the K/3 Cloud login page's data-centre list "
                    + "or by GetDataCenterList.").build();
    public static final ConfigKey USER_NAME = ConfigKey.builder("kingdee.user-name").label("用户名").required()
            .importance(Importance.HIGH).group(AUTH)
            .description("K/3 Cloud user the integration acts as. Documents are created in this user's name.")
            .build();
    public static final ConfigKey AUTH_MODE = ConfigKey.builder("kingdee.auth-mode").label("认证方式")
            .enumOf(AuthMode.class).defaultValue(AuthMode.SIGNATURE).importance(Importance.HIGH).group(AUTH)
            .description("SIGNATURE: SDK 8.x signature headers on every call with session-cookie reuse "
                    + "(needs app-id and app-secret). LOGIN_BY_SIGN: LoginBySign then the session cookie (needs "
                    + "app-id and app-secret). VALIDATE_USER: ValidateUser with a password (needs password).").build();
    public static final ConfigKey APP_ID = ConfigKey.builder("kingdee.app-id").label("应用ID")
            .importance(Importance.HIGH).group(AUTH)
            .description("Third-party system app id from 第三方系统登录授权, of the form <clientId>_<encodedSecret>. "
                    + "Required for SIGNATURE and LOGIN_BY_SIGN.").build();
    public static final ConfigKey APP_SECRET = ConfigKey.builder("kingdee.app-secret").label("应用密钥").secret()
            .importance(Importance.HIGH).group(AUTH)
            .description("App secret of the app id. Required for SIGNATURE and LOGIN_BY_SIGN. Never logged.")
            .build();
    public static final ConfigKey PASSWORD = ConfigKey.builder("kingdee.password").label("密码").secret()
            .importance(Importance.MEDIUM).group(AUTH)
            .description("Password of kingdee.user-name. Required only for VALIDATE_USER. Never logged.").build();
    public static final ConfigKey LOGIN_SIGN_ALGORITHM = ConfigKey.builder("kingdee.login-sign-algorithm")
            .label("签名算法").enumOf(SignAlgorithm.class).defaultValue(SignAlgorithm.SHA256)
            .importance(Importance.LOW).group(AUTH)
            .description("Digest of the LoginBySign signature: SHA256 for servers from 8.0.0.202205, SHA1 before.")
            .build();
    public static final ConfigKey LCID = ConfigKey.builder("kingdee.lcid").label("语言").type(ConfigType.INT)
            .defaultValue(2052).importance(Importance.LOW).group(AUTH)
            .rule(Rule.of("one-of", "2052, 1033 or 3076", v -> List.of(2052, 1033, 3076).contains(v),
                    "must be 2052 (简体中文), 1033 (English) or 3076 (繁體中文)"))
            .description("Locale id of the session. Kingdee answers error texts in Chinese whatever the value.")
            .build();
    public static final ConfigKey ORG_NUMBER = ConfigKey.builder("kingdee.org-number").label("组织编码").required()
            .importance(Importance.HIGH).group(DOCUMENTS)
            .rule(Rule.matches("[A-Za-z0-9._-]{1,30}", "an organisation number such as 100"))
            .description("Number of the stock organisation (库存组织) that owns the warehouses; used as stock, pick, "
                    + "owner and keeper organisation of the documents, and to filter stock queries.").build();
    public static final ConfigKey DEPARTMENT_NUMBER = ConfigKey.builder("kingdee.department-number")
            .label("领料部门").importance(Importance.MEDIUM).group(DOCUMENTS)
            .rule(Rule.matches("[A-Za-z0-9._-]{1,30}", "a department number"))
            .description("Department number (FDeptId) written on other-outbound documents. Some account sets require "
                    + "a department or a customer on STK_MisDelivery; leave empty when yours does not.").build();
    public static final ConfigKey WRITE_MODE = ConfigKey.builder("kingdee.write-mode").label("单据提交方式")
            .enumOf(WriteMode.class).defaultValue(WriteMode.STEPWISE).importance(Importance.MEDIUM)
            .group(DOCUMENTS)
            .description("STEPWISE: Save, Submit and Audit as separate calls. AUTO_AUDIT: Save with "
                    + "IsAutoSubmitAndAudit, then re-query FDocumentStatus and finish step by step if the audit "
                    + "did not happen (it is not transactional).").build();
    public static final ConfigKey BILL_NO_PREFIX = ConfigKey.builder("kingdee.bill-no-prefix")
            .label("出库单号前缀").defaultValue("AH").importance(Importance.MEDIUM).group(DOCUMENTS)
            .rule(Rule.matches("[A-Z0-9]{1,6}", "1 to 6 upper-case letters or digits"))
            .description("Prefix of the FBillNo of other-outbound documents (STK_MisDelivery). FBillNo is derived "
                    + "from the part-usage id and is the idempotency key: do not change it while deductions are "
                    + "pending.").build();
    public static final ConfigKey RETURN_BILL_NO_PREFIX = ConfigKey.builder("kingdee.return-bill-no-prefix")
            .label("入库单号前缀").defaultValue("AHR").importance(Importance.MEDIUM).group(DOCUMENTS)
            .rule(Rule.matches("[A-Z0-9]{1,6}", "1 to 6 upper-case letters or digits"))
            .description("Prefix of the FBillNo of compensating other-inbound documents (STK_Miscellaneous) booked "
                    + "when a used part is returned.").build();
    public static final ConfigKey OUTBOUND_BILL_TYPE = ConfigKey.builder("kingdee.outbound-bill-type")
            .label("其他出库单据类型").defaultValue("QTCKD01_SYS").importance(Importance.LOW).group(DOCUMENTS)
            .description("FBillTypeID number of other-outbound documents; QTCKD01_SYS is the standard type.")
            .build();
    public static final ConfigKey INBOUND_BILL_TYPE = ConfigKey.builder("kingdee.inbound-bill-type")
            .label("其他入库单据类型").defaultValue("QTRKD01_SYS").importance(Importance.LOW).group(DOCUMENTS)
            .description("FBillTypeID number of other-inbound documents; QTRKD01_SYS is the standard type.")
            .build();
    public static final ConfigKey STOCK_STATUS = ConfigKey.builder("kingdee.stock-status").label("库存状态")
            .defaultValue("KCZT01_SYS").importance(Importance.LOW).group(DOCUMENTS)
            .description("FStockStatusId number written on entry lines; KCZT01_SYS is 可用 (available).").build();
    public static final ConfigKey ALLOW_NEGATIVE_STOCK = ConfigKey.builder("kingdee.allow-negative-stock")
            .label("允许负库存").type(ConfigType.BOOLEAN).defaultValue(false).importance(Importance.MEDIUM)
            .group(DOCUMENTS)
            .description("When true, audits send InterationFlags=STK_InvCheckResult so the ERP's ignorable "
                    + "negative-stock warning passes. When false (default) a deduction that would make stock "
                    + "negative FAILS with the ERP's message and is not retried.").build();
    public static final ConfigKey MATERIAL_CODES = ConfigKey.builder("kingdee.material-codes").label("物料编码对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.MEDIUM).group(MAPPING)
            .description("Hub part SKU to Kingdee material number, e.g. SP-COMP-001=1.01.0001. Used when the request "
                    + "does not carry the ERP code itself; a SKU not listed is used as the material number."
                    + " For the connector used on its own (a Camel application without the hub): the hub always sends"
                    + " the code from its master data (header HubErpPartCode, table spare_part_erp_code), which wins"
                    + " over this key, and does not need it; leave it empty in the hub.").build();
    public static final ConfigKey WAREHOUSE_CODES = ConfigKey.builder("kingdee.warehouse-codes").label("仓库编码对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.MEDIUM).group(MAPPING)
            .description("Hub warehouse code to Kingdee warehouse number, e.g. WH01=CK001,WH02=CK002; a code not "
                    + "listed is used as the warehouse number."
                    + " For the connector used on its own (a Camel application without the hub): the hub always sends"
                    + " the code from its master data (header HubErpWarehouseCode, table warehouse), which wins over"
                    + " this key, and does not need it; leave it empty in the hub.").build();
    /**
     * The kit's common keys ({@code kingdee.timeout-ms}, {@code .connect-timeout-ms}, {@code .max-attempts},
     * {@code .backoff-initial-ms}, {@code .backoff-max-ms}, {@code .requests-per-second}) with Kingdee's defaults.
     */
    public static final CommonKeys CALLS = CommonKeys.of("kingdee",
            new CommonKeys.Defaults(60_000, 10_000, 4, 500, 30_000, 20), Map.of(
                    CommonKeys.TIMEOUT_MS, "Kingdee: the document's FBillNo is queried before Save, Submit or Audit "
                            + "is sent again.",
                    CommonKeys.MAX_ATTEMPTS, "Kingdee: also bounds the rounds one delivery makes after a write "
                            + "with an unknown outcome; every round starts by querying the FBillNo.",
                    CommonKeys.REQUESTS_PER_SECOND, "Kingdee: reads (ExecuteBillQuery) and writes (Save, Submit, "
                            + "Audit) of the instance draw from this one budget."));
    public static final ConfigKey SESSION_TTL_MINUTES = ConfigKey.builder("kingdee.session-ttl-minutes")
            .label("会话有效期").type(ConfigType.LONG).defaultValue(15).importance(Importance.LOW).group(RELIABILITY)
            .rule(Rule.between(1, 1440))
            .description("Minutes a session is trusted before it is renewed (Kingdee publishes no lifetime). A session "
                    + "the server reports lost (MsgCode 1) is renewed at once, by one caller for all.").build();

    public static final ConfigDef CONFIG_DEF = new ConfigDef("kingdee.")
            .define(BASE_URL, ACCT_ID, USER_NAME, AUTH_MODE, APP_ID, APP_SECRET, PASSWORD, LOGIN_SIGN_ALGORITHM, LCID,
                    ORG_NUMBER, DEPARTMENT_NUMBER, WRITE_MODE, BILL_NO_PREFIX, RETURN_BILL_NO_PREFIX,
                    OUTBOUND_BILL_TYPE, INBOUND_BILL_TYPE, STOCK_STATUS, ALLOW_NEGATIVE_STOCK, MATERIAL_CODES,
                    WAREHOUSE_CODES)
            .define(CALLS.keys())
            .define(SESSION_TTL_MINUTES)
            .crossCheck(KingdeeConnectorConfig::credentialsMatchAuthMode)
            .crossCheck(CALLS::backoffOrder)
            .connectivityTimeout(CALLS.timeoutMs());

    private KingdeeConnectorConfig() {
    }

    /** Each auth mode needs its own credentials; SIGNATURE needs an app id with the encoded gateway secret. */
    static List<ConfigProblem> credentialsMatchAuthMode(ConnectorConfig c) {
        List<ConfigProblem> problems = new ArrayList<>();
        AuthMode mode = c.enumValue(AUTH_MODE, AuthMode.class);
        if (mode == AuthMode.VALIDATE_USER) {
            if (!c.isSet(PASSWORD)) {
                problems.add(new ConfigProblem(PASSWORD.name(), "requires", PASSWORD.display() + " is required when "
                        + AUTH_MODE.name() + " is VALIDATE_USER; set it, or use " + AUTH_MODE.name()
                        + "=SIGNATURE with " + APP_ID.name() + " and " + APP_SECRET.name()));
            }
            return problems;
        }
        for (var k : List.of(APP_ID, APP_SECRET)) {
            if (!c.isSet(k)) {
                problems.add(new ConfigProblem(k.name(), "requires", k.display() + " is required when "
                        + AUTH_MODE.name() + " is " + mode + "; set it (第三方系统登录授权), or use "
                        + AUTH_MODE.name() + "=VALIDATE_USER with " + PASSWORD.name()));
            }
        }
        if (mode == AuthMode.SIGNATURE && c.isSet(APP_ID) && !c.string(APP_ID).matches("[^_]+_.+")) {
            problems.add(new ConfigProblem(APP_ID.name(), "pattern", APP_ID.display() + " must look like "
                    + "<clientId>_<encodedSecret> for signature headers, was '" + c.string(APP_ID) + "'"));
        }
        return problems;
    }
}
