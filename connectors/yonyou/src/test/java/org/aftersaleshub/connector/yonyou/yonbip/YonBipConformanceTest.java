package org.aftersaleshub.connector.yonyou.yonbip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.aftersaleshub.connector.conformance.StockConnectorConformanceTest;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.mock.yonbip.YonBipMock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kit's conformance checks for YonBIP, driven by {@link YonBipFixture}, and the reference page
 * {@code docs/connectors/yonbip.md}.
 */
class YonBipConformanceTest extends StockConnectorConformanceTest<YonBipConnector> {

    static final String SECRET = "yb-canary-secret-c41d7";

    static final String INTRO = """
            Connector type `yonbip`, Camel scheme `yonbip:` —
            `yonbip:<instance>?operation=deduct|return|stock|part-known|warehouse-known`, e.g.
            `yonbip:yonbip-sh?operation=deduct`. The instance is declared under `hub.connectors.<instance>`
            (`type: yonbip` plus the keys below) and shared by every route and API call that names it (one token
            cache, one rate budget); in plain Camel the first endpoint that names an undeclared instance starts it
            from its URI options, every key below in camelCase (`appSecret`, `tenantId`). Bodies and result headers
            (`HubConnectorOutcome`, `HubDocumentNumber`, `HubAlreadyExisted`, `HubReason`) are the same for every
            ERP connector. Capabilities: stock deduction, stock query. API notes: docs/vendor-apis/yonyou-yonbip.md.

            - **Idempotency key:** `resubmitCheckKey` = `ah` + the first 30 hex digits of SHA-256(part-usage id):
              32 characters (the documented maximum), deterministic. A retry re-sends the same MDD-idempotent save
              and gets the document back; the audit (`batchaudit`) is confirmed by reading the document (`detail`)
              when its answer reports a failure or is lost, so an audited document is never audited or saved twice.
              The usage id and ticket id also go into `out_sys_id` / `out_sys_code` for reconciliation.
            - **Gateway and token:** `getGatewayAddress?tenantId=` (or `gateway-url` + `token-url`), then
              `getAccessToken` on `base/v1` or the legacy path (each the fallback of the other), signed with
              Base64(HmacSHA256(appSecret, "appKey…timestamp…")), renewed at 80 % of `expire`, one fetch at a time
              per instance, always URL-encoded as `access_token`.
            - **Errors:** HTTP 429 / 310046 / 999 "操作过于频繁" → back off and retry; 310036 (also `text/plain`
              非法token), 310001, 310037, 1090003500065 → new token, call repeated once (reads and the keyed save /
              audit); HTTP 404 / 310404 → configuration error, not retried; 1002 → not found.
            - **Stock:** `QueryCurrentStocksByCondition` (`data` is a bare array), `currentqty` / `availableqty`.
            - **Known parts and warehouses:** a code `yonbip.product-codes` / `yonbip.warehouse-codes` maps is known
              without a call; any other is looked up in the product or warehouse archive
              (`digitalModel/product|warehouse/list` filtered by `code`, records compared exactly; 1002 = not
              there). Codes travel as JSON strings, so only control characters (and more than 255 characters) are
              refused, before any call.
            - **Returns:** not supported: the spec documents no other-inbound API for YonBIP; `operation=return`
              answers FAILED (refused for good, not retried) with a reason naming the usage; book it in YonBIP by hand.
            """;

    @BeforeAll
    void secretIsACanary() {
        yonbip().config().setAppSecret(SECRET);
    }

    private YonBipMock yonbip() {
        return (YonBipMock) mock().mock();
    }

    @Override
    protected StockConnectorFixture fixture() {
        return new YonBipFixture();
    }

    @Override
    protected String docTitle() {
        return "Yonyou YonBIP OpenAPI connector";
    }

    @Override
    protected String docIntro() {
        return INTRO;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        return List.of(
                new InvalidConfig("app secret missing", with(validConfig(), "yonbip.app-secret", null),
                        "yonbip.app-secret"),
                new InvalidConfig("neither tenant nor gateway", with(validConfig(), "yonbip.tenant-id", null),
                        "yonbip.tenant-id"),
                new InvalidConfig("gateway without token url", with(validConfig(), "yonbip.gateway-url",
                        "https://c2.example.com/g"), "yonbip.token-url"),
                new InvalidConfig("unknown token path", with(validConfig(), "yonbip.token-path", "V2"),
                        "yonbip.token-path"),
                new InvalidConfig("discovery url not a URL", with(validConfig(), "yonbip.discovery-url", "apigateway"),
                        "yonbip.discovery-url"),
                new InvalidConfig("first back-off above the largest", with(validConfig(), "yonbip.backoff-initial-ms",
                        "500", "yonbip.backoff-max-ms", "100"), "yonbip.backoff-initial-ms"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        return List.of(
                new InvalidConfig("nothing listens there", with(validConfig(), "yonbip.discovery-url",
                        "http://127.0.0.1:" + closedPort() + "/"), "yonbip.discovery-url"),
                new InvalidConfig("unknown tenant", with(validConfig(), "yonbip.tenant-id", "nobody"),
                        "yonbip.tenant-id"),
                new InvalidConfig("unknown app key (10018)", with(validConfig(), "yonbip.app-key", "no-such-app"),
                        "yonbip.app-key"),
                new InvalidConfig("wrong app secret (bad signature)", with(validConfig(), "yonbip.app-secret",
                        "wrong-secret"), "yonbip.app-secret"));
    }

    @Test
    void tokenExpiryOnTheMockClockBetweenCallsIsRenewedOnce() {
        effect(newKey());
        long before = tokenRefreshes(started());
        yonbip().clock().advance(Duration.ofHours(2)); // YonBIP's token is dead; the connector's cache does not know
        try {
            String key = newKey();
            effect(key);
            assertThat(tokenRefreshes(started()) - before).isEqualTo(1);
            assertThat(countEffects(key)).isEqualTo(1);
        } finally {
            yonbip().clock().reset();
        }
    }
}
