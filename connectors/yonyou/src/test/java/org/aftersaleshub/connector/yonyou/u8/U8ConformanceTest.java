package org.aftersaleshub.connector.yonyou.u8;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.aftersaleshub.connector.conformance.StockConnectorConformanceTest;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.mock.yonyou.U8Mock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit's conformance checks for U8, driven by {@link U8Fixture}, and the page {@code docs/connectors/u8.md}. */
class U8ConformanceTest extends StockConnectorConformanceTest<U8Connector> {

    static final String SECRET = "u8-canary-secret-7f3a9";

    static final String INTRO = """
            Connector type `u8`, Camel scheme `u8:` —
            `u8:<instance>?operation=deduct|return|stock|part-known|warehouse-known`, e.g.
            `u8:u8-bj?operation=deduct`. The instance is declared under `hub.connectors.<instance>` (`type: u8` plus
            the keys below) and shared by every route and API call that names it (one token cache, one rate budget);
            in plain Camel the first endpoint that names an undeclared instance starts it from its URI options, every
            key below in camelCase (`appSecret`, `receiveCode`). Bodies and result headers (`HubConnectorOutcome`,
            `HubDocumentNumber`, `HubAlreadyExisted`, `HubReason`) are the same for every ERP connector.
            Capabilities: stock deduction, stock query. API notes: docs/vendor-apis/yonyou-u8.md.

            - **Idempotency key:** `biz_id` = the part-usage id, unchanged. U8 keeps one voucher per `biz_id`, so a
              retry after a timeout, a reset, a 5xx or an unfinished async result re-posts the same `biz_id` and gets
              the original voucher back (or a duplicate errcode, listed in `u8.duplicate-errcodes`, which also counts
              as booked). `tradeid` is never used.
            - **Writes:** `otherout/add`, `sync=1` (SYNC) or `sync=0` (ASYNC): the result url is read after
              `ping_after` seconds (capped by `u8.async-max-wait-ms`) and read again while U8 still answers 处理中, at
              most `u8.async-max-polls` times; then the outcome is unknown and the redelivery re-posts the `biz_id`.
            - **Stock:** `currentstock/batch_get` with `invcode_begin = invcode_end` and `whcode_begin = whcode_end`;
              `qty` and `availqty` summed over batches.
            - **Known parts and warehouses:** a code `u8.inventory-codes` / `u8.warehouse-codes` maps is known
              without a call; any other is looked up in the inventory or warehouse archive
              (`inventory|warehouse/batch_get` with `code_begin = code_end`, rows compared exactly). Codes are sent
              URL-encoded, so only control characters (and more than 255 characters) are refused, before any call.
            - **Token:** `/system/token`, cached per instance at most 1 h 55 min, one fetch at a time; a token errcode
              (`u8.token-errcodes`) renews it once within the call.
            - **Returns:** not supported: the spec documents no other-inbound `add` for U8; `operation=return`
              answers FAILED (refused for good, not retried) with a reason naming the usage; book the return in U8 by
              hand.
            """;

    @BeforeAll
    void secretIsACanary() {
        u8().config().setAppSecret(SECRET);
    }

    private U8Mock u8() {
        return (U8Mock) mock().mock();
    }

    @Override
    protected StockConnectorFixture fixture() {
        return new U8Fixture();
    }

    @Override
    protected String docTitle() {
        return "Yonyou U8 OpenAPI connector";
    }

    @Override
    protected String docIntro() {
        return INTRO;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        return List.of(
                new InvalidConfig("base URL is not a URL", with(validConfig(), "u8.base-url", "api.yonyouup.com"),
                        "u8.base-url"),
                new InvalidConfig("app secret missing", with(validConfig(), "u8.app-secret", null), "u8.app-secret"),
                new InvalidConfig("write mode unknown", with(validConfig(), "u8.write-mode", "LATER"), "u8.write-mode"),
                new InvalidConfig("token ttl above 1 h 55 min", with(validConfig(), "u8.token-ttl-seconds", "7200"),
                        "u8.token-ttl-seconds"),
                new InvalidConfig("code map malformed", with(validConfig(), "u8.warehouse-codes", "WH01"),
                        "u8.warehouse-codes"),
                new InvalidConfig("first back-off above the largest", with(validConfig(), "u8.backoff-initial-ms",
                        "500", "u8.backoff-max-ms", "100"), "u8.backoff-initial-ms"),
                new InvalidConfig("typo in a key", with(validConfig(), "u8.app-secert", "x"), "u8.app-secert"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        return List.of(
                new InvalidConfig("nothing listens there", with(validConfig(), "u8.base-url",
                        "http://127.0.0.1:" + closedPort() + "/"), "u8.base-url"),
                new InvalidConfig("wrong app secret", with(validConfig(), "u8.app-secret", "not-the-secret"),
                        "u8.app-secret"),
                new InvalidConfig("enterprise not authorised", with(validConfig(), "u8.to-account", "someone_else"),
                        "u8.to-account"));
    }

    @Test
    void tokenExpiryOnTheMockClockBetweenCallsIsRenewedOnce() {
        effect(newKey());
        long before = tokenRefreshes(started());
        u8().clock().advance(Duration.ofHours(2)); // U8's token is dead; the connector's cache does not know
        try {
            String key = newKey();
            effect(key);
            assertThat(tokenRefreshes(started()) - before).isEqualTo(1);
            assertThat(countEffects(key)).isEqualTo(1);
        } finally {
            u8().clock().reset();
        }
    }
}
