package org.aftersaleshub.connector.yonyou.yonbip;

import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConfigType;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * Every configuration key of the YonBIP / YonSuite OpenAPI connector, declared once. {@code docs/connectors/yonbip.md}
 * is generated from {@link #CONFIG_DEF} (the conformance test fails when it differs), and the {@code yonbip:} endpoint
 * takes every key as an option (camelCase of its suffix).
 */
public final class YonBipConnectorConfig {

    /**
     * Which access-token path is tried first; the other is the fallback when the first is unknown
     * (docs/vendor-apis/yonyou-yonbip.md §3.1).
     */
    public enum TokenPath {
        /** {@code /open-auth/selfAppAuth/base/v1/getAccessToken}, current since 2023-07-21. */
        BASE_V1,
        /** {@code /open-auth/selfAppAuth/getAccessToken}, the original path, still live. */
        LEGACY
    }

    private static final String CONNECTION = "Connection";
    private static final String DOCUMENTS = "Documents";
    private static final String MAPPING = "Code mapping";

    public static final ConfigKey TENANT_ID = ConfigKey.builder("yonbip.tenant-id").label("租户ID")
            .importance(Importance.HIGH).group(CONNECTION)
            .description("Tenant id used to discover the tenant's data-centre gateway (getGatewayAddress). Required "
                    + "unless yonbip.gateway-url and yonbip.token-url are both set.").build();
    public static final ConfigKey DISCOVERY_URL = ConfigKey.builder("yonbip.discovery-url").label("网关发现地址")
            .type(ConfigType.URL).defaultValue("https://apigateway.yonyoucloud.com/").importance(Importance.LOW)
            .group(CONNECTION)
            .description("Where <discovery-url>open-auth/dataCenter/getGatewayAddress?tenantId= answers the tenant's "
                    + "gatewayUrl and tokenUrl.").build();
    public static final ConfigKey GATEWAY_URL = ConfigKey.builder("yonbip.gateway-url").label("业务网关地址")
            .type(ConfigType.URL).importance(Importance.LOW).group(CONNECTION)
            .description("Business gateway (…/iuap-api-gateway) when discovery is not wanted; set together with "
                    + "yonbip.token-url.").build();
    public static final ConfigKey TOKEN_URL = ConfigKey.builder("yonbip.token-url").label("认证地址")
            .type(ConfigType.URL).importance(Importance.LOW).group(CONNECTION)
            .description("Auth base (…/iuap-api-auth) when discovery is not wanted; set together with "
                    + "yonbip.gateway-url.").build();
    public static final ConfigKey APP_KEY = ConfigKey.builder("yonbip.app-key").label("应用Key appKey").required()
            .importance(Importance.HIGH).group(CONNECTION)
            .description("appKey of the self-built app (自建应用) that signs the access-token request.").build();
    public static final ConfigKey APP_SECRET = ConfigKey.builder("yonbip.app-secret").label("应用密钥 appSecret")
            .required().secret().importance(Importance.HIGH).group(CONNECTION)
            .description("appSecret of the self-built app; only used as the HmacSHA256 key of the token signature, "
                    + "never sent or logged.").build();
    public static final ConfigKey TOKEN_PATH = ConfigKey.builder("yonbip.token-path").label("token接口路径")
            .enumOf(TokenPath.class).defaultValue(TokenPath.BASE_V1).importance(Importance.LOW).group(CONNECTION)
            .description("Access-token path tried first: BASE_V1 (…/selfAppAuth/base/v1/getAccessToken) or LEGACY "
                    + "(…/selfAppAuth/getAccessToken); when the gateway does not know it, the other one is used.")
            .build();

    public static final ConfigKey ORG = ConfigKey.builder("yonbip.org").label("库存组织").required()
            .importance(Importance.HIGH).group(DOCUMENTS)
            .description("Stock organisation (org, id or code) of the other-outbound documents.").build();
    public static final ConfigKey ACCOUNT_ORG = ConfigKey.builder("yonbip.account-org").label("会计主体")
            .importance(Importance.MEDIUM).group(DOCUMENTS)
            .description("Accounting organisation (accountOrg); empty means the same as yonbip.org.").build();
    public static final ConfigKey BUSTYPE = ConfigKey.builder("yonbip.bustype").label("交易类型")
            .defaultValue("A10001").importance(Importance.MEDIUM).group(DOCUMENTS)
            .description("Transaction type (bustype, id or code) of the other-outbound documents.").build();
    public static final ConfigKey DEPARTMENT = ConfigKey.builder("yonbip.department").label("部门")
            .importance(Importance.LOW).group(DOCUMENTS)
            .description("Department (id or code) written on documents; leave empty when not required.").build();
    public static final ConfigKey OPERATOR = ConfigKey.builder("yonbip.operator").label("业务员")
            .importance(Importance.LOW).group(DOCUMENTS)
            .description("Operator (id or code) written on documents; leave empty when not required.").build();
    public static final ConfigKey AUDITED_STATUS = ConfigKey.builder("yonbip.audited-status").label("已审核状态值")
            .type(ConfigType.INT).defaultValue(3).importance(Importance.LOW).group(DOCUMENTS)
            .rule(Rule.between(0, 99))
            .description("Value of the document's status field that means audited (not documented, "
                    + "docs/vendor-apis/yonyou-yonbip.md §5.2): used to "
                    + "recognise a document that a lost answer already audited.").build();

    public static final ConfigKey PRODUCT_CODES = ConfigKey.builder("yonbip.product-codes").label("物料编码对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.MEDIUM).group(MAPPING)
            .description("Hub part SKU to YonBIP product code, e.g. SP-COMP-001=MAT00001. Used when the request does "
                    + "not carry the ERP code; a SKU not listed is used as the product code."
                    + " For the connector used on its own (a Camel application without the hub): the hub always sends"
                    + " the code from its master data (header HubErpPartCode, table spare_part_erp_code), which wins"
                    + " over this key, and does not need it; leave it empty in the hub.").build();
    public static final ConfigKey WAREHOUSE_CODES = ConfigKey.builder("yonbip.warehouse-codes").label("仓库编码对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.MEDIUM).group(MAPPING)
            .description("Hub warehouse code to YonBIP warehouse code, e.g. WH01=WH-SH-01; a code not listed is used "
                    + "as the warehouse code."
                    + " For the connector used on its own (a Camel application without the hub): the hub always sends"
                    + " the code from its master data (header HubErpWarehouseCode, table warehouse), which wins over"
                    + " this key, and does not need it; leave it empty in the hub.").build();
    public static final ConfigKey UNIT_CODES = ConfigKey.builder("yonbip.unit-codes").label("计量单位对照")
            .type(ConfigType.MAP).defaultValue("").importance(Importance.LOW).group(MAPPING)
            .description("Hub unit to YonBIP unit (id or code), e.g. 台=TAI; a unit not listed is sent as it is.")
            .build();

    /**
     * The common keys ({@code yonbip.timeout-ms}, {@code .connect-timeout-ms}, {@code .max-attempts},
     * {@code .backoff-initial-ms}, {@code .backoff-max-ms}, {@code .requests-per-second}) with YonBIP's defaults.
     */
    public static final CommonKeys CALLS = CommonKeys.of("yonbip", new CommonKeys.Defaults(30_000, 5_000, 4, 500,
            10_000, 20), Map.of(
            CommonKeys.TIMEOUT_MS, "For YonBIP a save is sent again only with the same resubmitCheckKey; an audit is "
                    + "re-checked on the document.",
            CommonKeys.MAX_ATTEMPTS, "For YonBIP also HTTP 429 / 310046 and 999 操作过于频繁; a 999 系统异常 still "
                    + "answered on the last attempt is reported with YonBIP's message.",
            CommonKeys.REQUESTS_PER_SECOND, "YonBIP publishes no numeric quotas "
                    + "(docs/vendor-apis/yonyou-yonbip.md §7)."));

    public static final ConfigDef CONFIG_DEF = new ConfigDef("yonbip.")
            .define(TENANT_ID, DISCOVERY_URL, GATEWAY_URL, TOKEN_URL, APP_KEY, APP_SECRET, TOKEN_PATH)
            .define(ORG, ACCOUNT_ORG, BUSTYPE, DEPARTMENT, OPERATOR, AUDITED_STATUS)
            .define(PRODUCT_CODES, WAREHOUSE_CODES, UNIT_CODES)
            .define(CALLS.keys())
            .crossCheck(CALLS::backoffOrder)
            .crossCheck(c -> {
                boolean gw = c.isSet(GATEWAY_URL);
                boolean tk = c.isSet(TOKEN_URL);
                if (gw != tk) {
                    ConfigKey missing = gw ? TOKEN_URL : GATEWAY_URL;
                    return List.of(new ConfigProblem(missing.name(), "requires", missing.display()
                            + " must be set together with " + (gw ? GATEWAY_URL : TOKEN_URL).name()));
                }
                if (!gw && !c.isSet(TENANT_ID)) {
                    return List.of(new ConfigProblem(TENANT_ID.name(), "requires", TENANT_ID.display()
                            + " is required for gateway discovery (or set yonbip.gateway-url and yonbip.token-url)"));
                }
                return List.of();
            })
            .connectivityTimeout(CALLS.timeoutMs());

    private YonBipConnectorConfig() {
    }
}
