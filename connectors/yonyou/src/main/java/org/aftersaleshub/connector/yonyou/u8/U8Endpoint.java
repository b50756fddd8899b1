package org.aftersaleshub.connector.yonyou.u8;

import org.aftersaleshub.connector.HubConnector;
import org.aftersaleshub.connector.yonyou.ConnectorEndpoint;
import org.aftersaleshub.connector.yonyou.StockOperation;
import org.apache.camel.Category;
import org.apache.camel.Component;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * {@code u8:deduct}, {@code u8:compensate}, {@code u8:stock}: Yonyou U8 OpenAPI through {@link U8Connector}.
 * Example: {@code to("u8:deduct?fromAccount=...&toAccount=...&appKey=...&appSecret=RAW(...)&receiveCode=21")}.
 * Each option is the config key of the same name in kebab case (see {@link ConnectorEndpoint});
 * {@link U8ConnectorConfig} is the declaration, these fields only describe it to Camel tooling (a test keeps them equal).
 */
@UriEndpoint(firstVersion = "4.17.0", scheme = "u8", title = "Yonyou U8 OpenAPI", syntax = "u8:operation",
        producerOnly = true, category = {Category.SAAS, Category.API})
public class U8Endpoint extends ConnectorEndpoint {

    @UriParam(label = "producer", defaultValue = "https://api.yonyouup.com/",
            description = "Base URL of the U8 OpenAPI cloud proxy. System calls go to <base-url>system/..., business calls to <base-url>api/<resource>/<method>.")
    private String baseUrl;

    @UriParam(label = "producer",
            description = "Developer (caller) account, sent as from_account on every call.")
    @Metadata(required = true)
    private String fromAccount;

    @UriParam(label = "producer",
            description = "Enterprise (provider) account whose U8 the calls reach through its 开放平台客户端 agent; sent as to_account.")
    @Metadata(required = true)
    private String toAccount;

    @UriParam(label = "producer",
            description = "Application code (app_key) of the integration app registered on the open platform.")
    @Metadata(required = true)
    private String appKey;

    @UriParam(label = "producer,security", secret = true,
            description = "Secret of the app; only sent to /system/token (as a query parameter, as the API demands). Never logged.")
    @Metadata(required = true)
    private String appSecret;

    @UriParam(label = "producer",
            description = "Data-source number of the enterprise account; leave empty for the first data source.")
    private String dsSequence;

    @UriParam(label = "producer",
            description = "Send/receive type code (receivecode, 收发类别) written on other-outbound vouchers; required by otherout/add.")
    @Metadata(required = true)
    private String receiveCode;

    @UriParam(label = "producer",
            description = "Department code (departmentcode) written on vouchers; leave empty when not required.")
    private String departmentCode;

    @UriParam(label = "producer",
            description = "Maker name written on vouchers; leave empty to let U8 use the integration user.")
    private String maker;

    @UriParam(label = "producer", defaultValue = "SYNC",
            description = "SYNC: otherout/add with sync=1, the voucher id comes back inline. ASYNC: sync=0 (the API's default); the answer's url is polled after ping_after seconds, at most u8.async-max-polls times. Either way the voucher is keyed by biz_id = the part-usage id.")
    private String writeMode;

    @UriParam(label = "producer", defaultValue = "",
            description = "Hub part SKU to U8 inventory code, e.g. SP-COMP-001=0010001. Used when the request does not carry the ERP code itself; a SKU not listed is used as the inventory code.")
    private String inventoryCodes;

    @UriParam(label = "producer", defaultValue = "",
            description = "Hub warehouse code to U8 warehouse code, e.g. WH01=01,WH02=02; a code not listed is used as the U8 warehouse code.")
    private String warehouseCodes;

    @UriParam(label = "producer", defaultValue = "30011",
            description = "errcodes meaning 'token invalid or expired' (not published by Yonyou, erp-apis.md §2.7): the token is dropped, fetched again once, and the call repeated (safe: writes are keyed by biz_id).")
    private String tokenErrcodes;

    @UriParam(label = "producer", defaultValue = "2003",
            description = "errcodes with which a server answers a repeated biz_id instead of the original result (§2.3, undocumented): treated as 'the voucher already exists', never as a failure.")
    private String duplicateErrcodes;

    @UriParam(label = "producer", defaultValue = "",
            description = "errcodes that mean 'try again later' (agent offline, throttling) on your installation; any other non-zero errcode on a write fails the usage with U8's message.")
    private String retryableErrcodes;

    @UriParam(label = "producer", defaultValue = "30000",
            description = "Milliseconds to wait for an answer. A write that times out has an unknown outcome; it is sent again only with the same biz_id, which U8 de-duplicates. Also bounds the connectivity check.")
    private String timeoutMs;

    @UriParam(label = "producer", defaultValue = "5000",
            description = "Milliseconds to wait for a TCP connection.")
    private String connectTimeoutMs;

    @UriParam(label = "producer", defaultValue = "6900",
            description = "Seconds a token is reused; U8 tokens live 7200 s and the official SDK renews after 1 h 55 min (6900 s), the maximum allowed here.")
    private String tokenTtlSeconds;

    @UriParam(label = "producer", defaultValue = "3",
            description = "Attempts within one call for answers that certainly did not happen (refused connection, 503, 429); reads also retry unknown outcomes. Beyond that the call fails retryably.")
    private String maxAttempts;

    @UriParam(label = "producer", defaultValue = "500",
            description = "First back-off delay between attempts, in milliseconds.")
    private String backoffInitialMs;

    @UriParam(label = "producer", defaultValue = "10000",
            description = "Largest back-off delay between attempts, in milliseconds.")
    private String backoffMaxMs;

    @UriParam(label = "producer", defaultValue = "20",
            description = "ASYNC mode: how many times the result url is polled (the official SDK's limit is 20) before the outcome is reported unknown and left to a later retry with the same biz_id.")
    private String asyncMaxPolls;

    @UriParam(label = "producer", defaultValue = "5000",
            description = "ASYNC mode: upper bound of the wait between polls; the wait is ping_after seconds as U8 asks, capped by this value.")
    private String asyncMaxWaitMs;

    @UriParam(label = "producer", defaultValue = "20",
            description = "Client-side budget of calls per second to the open platform (no published limit, §2.7); callers wait up to u8.timeout-ms for a permit.")
    private String requestsPerSecond;

    public U8Endpoint(String uri, Component component, StockOperation operation) {
        super(uri, component, operation);
    }

    @Override
    protected HubConnector newConnector() {
        return new U8Connector();
    }
}
