package org.aftersaleshub.connector.yonyou.yonbip;

import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.yonyou.ConnectorEndpoint;
import org.aftersaleshub.connector.yonyou.StockOperation;
import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * {@code yonbip:deduct}, {@code yonbip:compensate}, {@code yonbip:stock}: Yonyou YonBIP OpenAPI through {@link YonBipConnector}.
 * Example: {@code to("yonbip:deduct?tenantId=...&appKey=...&appSecret=RAW(...)&org=ORG001")}.
 * Each option is the config key of the same name in kebab case (see {@link ConnectorEndpoint});
 * {@link YonBipConnectorConfig} is the declaration, these fields only describe it to Camel tooling (a test keeps them equal).
 */
@UriEndpoint(firstVersion = "4.17.0", scheme = "yonbip", title = "Yonyou YonBIP OpenAPI", syntax = "yonbip:operation",
        producerOnly = true, category = {Category.SAAS, Category.API})
public class YonBipEndpoint extends ConnectorEndpoint {

    @UriParam(label = "producer",
            description = "Tenant id used to discover the tenant's data-centre gateway (getGatewayAddress). Required unless yonbip.gateway-url and yonbip.token-url are both set.")
    private String tenantId;

    @UriParam(label = "producer", defaultValue = "https://apigateway.yonyoucloud.com/",
            description = "Where <discovery-url>open-auth/dataCenter/getGatewayAddress?tenantId= answers the tenant's gatewayUrl and tokenUrl.")
    private String discoveryUrl;

    @UriParam(label = "producer",
            description = "Business gateway (…/iuap-api-gateway) when discovery is not wanted; set together with yonbip.token-url.")
    private String gatewayUrl;

    @UriParam(label = "producer",
            description = "Auth base (…/iuap-api-auth) when discovery is not wanted; set together with yonbip.gateway-url.")
    private String tokenUrl;

    @UriParam(label = "producer",
            description = "appKey of the self-built app (自建应用) that signs the access-token request.")
    @Metadata(required = true)
    private String appKey;

    @UriParam(label = "producer,security", secret = true,
            description = "appSecret of the self-built app; only used as the HmacSHA256 key of the token signature, never sent or logged.")
    @Metadata(required = true)
    private String appSecret;

    @UriParam(label = "producer", defaultValue = "BASE_V1",
            description = "Access-token path tried first: BASE_V1 (…/selfAppAuth/base/v1/getAccessToken) or LEGACY (…/selfAppAuth/getAccessToken); when the gateway does not know it, the other one is used.")
    private String tokenPath;

    @UriParam(label = "producer",
            description = "Stock organisation (org, id or code) of the other-outbound documents.")
    @Metadata(required = true)
    private String org;

    @UriParam(label = "producer",
            description = "Accounting organisation (accountOrg); empty means the same as yonbip.org.")
    private String accountOrg;

    @UriParam(label = "producer", defaultValue = "A10001",
            description = "Transaction type (bustype, id or code) of the other-outbound documents.")
    private String bustype;

    @UriParam(label = "producer",
            description = "Department (id or code) written on documents; leave empty when not required.")
    private String department;

    @UriParam(label = "producer",
            description = "Operator (id or code) written on documents; leave empty when not required.")
    private String operator;

    @UriParam(label = "producer", defaultValue = "3",
            description = "Value of the document's status field that means audited (not documented, §3.4): used to recognise a document that a lost answer already audited.")
    private String auditedStatus;

    @UriParam(label = "producer", defaultValue = "",
            description = "Hub part SKU to YonBIP product code, e.g. SP-COMP-001=MAT00001. Used when the request does not carry the ERP code; a SKU not listed is used as the product code.")
    private String productCodes;

    @UriParam(label = "producer", defaultValue = "",
            description = "Hub warehouse code to YonBIP warehouse code, e.g. WH01=WH-SH-01; a code not listed is used as the warehouse code.")
    private String warehouseCodes;

    @UriParam(label = "producer", defaultValue = "",
            description = "Hub unit to YonBIP unit (id or code), e.g. 台=TAI; a unit not listed is sent as it is.")
    private String unitCodes;

    @UriParam(label = "producer", defaultValue = "30000",
            description = "Milliseconds to wait for an answer. A save that times out is sent again only with the same resubmitCheckKey; an audit is re-checked on the document. Also bounds the connectivity check.")
    private String timeoutMs;

    @UriParam(label = "producer", defaultValue = "5000",
            description = "Milliseconds to wait for a TCP connection.")
    private String connectTimeoutMs;

    @UriParam(label = "producer", defaultValue = "4",
            description = "Attempts within one call for answers that certainly did not happen (refused connection, 503, HTTP 429 / 310046, 999 操作过于频繁); reads also retry unknown outcomes.")
    private String maxAttempts;

    @UriParam(label = "producer", defaultValue = "500",
            description = "First back-off delay between attempts, in milliseconds.")
    private String backoffInitialMs;

    @UriParam(label = "producer", defaultValue = "10000",
            description = "Largest back-off delay between attempts, in milliseconds.")
    private String backoffMaxMs;

    @UriParam(label = "producer", defaultValue = "20",
            description = "Client-side budget of calls per second to the gateway (numeric quotas are not published, §3.6); callers wait up to yonbip.timeout-ms for a permit.")
    private String requestsPerSecond;

    public YonBipEndpoint(String uri, Component component, StockOperation operation) {
        super(uri, component, operation);
    }

    @Override
    protected HubConnector newConnector() {
        return new YonBipConnector();
    }
}
