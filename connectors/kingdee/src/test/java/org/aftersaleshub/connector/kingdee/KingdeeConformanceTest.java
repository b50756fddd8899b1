package org.aftersaleshub.connector.kingdee;

import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.conformance.StockConnectorConformanceTest;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kit's conformance checks against the Kingdee mock in SIGNATURE mode (the default). The mock is made strict —
 * a stale session id is refused with MsgCode 1 instead of being silently replaced — so that session expiry is
 * observable and must cost one renewal. Its secrets are canaries the secret check searches for.
 * {@code docs/connectors/kingdee.md} is generated here: {@code -Dconfig-docs.write=true} rewrites it.
 */
class KingdeeConformanceTest extends StockConnectorConformanceTest<KingdeeConnector> {

    static final String CANARY_APP_SECRET = "canary-kd-appsecret-7f3a9c1e";
    static final String CANARY_PASSWORD = "canary-kd-password-52b8d0aa";

    static final String INTRO = """
            The Kingdee K/3 Cloud (金蝶云星空) WebAPI connector books one other-outbound document (`STK_MisDelivery`)
            per part usage and one compensating other-inbound document (`STK_Miscellaneous`) per return, answers
            real-time stock from `STK_Inventory`, and reads materials and warehouses. It is discovered with
            `ServiceLoader` (`org.aftersaleshub.connector.kingdee.KingdeeConnector`) and is also the Camel component
            `kingdee:<instance>?operation=deduct|return|stock|part-known|warehouse-known`: the path names a connector
            instance the deployment declares (`hub.connectors.<instance>`, type `kingdee`), whose one session cache
            and rate budget every endpoint and API call share; outside the hub, the keys below are endpoint options
            in camelCase (`kingdee.app-secret` → `appSecret`) that start the instance on first use.

            **Idempotency.** The document number `FBillNo` is derived from the part-usage id: `<prefix>-<id>` when the
            id is upper-case letters, digits and `-` and fits 30 characters, else `<prefix>H` + 20 base32 characters of
            SHA-256(id). Every round of a delivery queries the `FBillNo` before writing, so a timeout after the ERP
            committed, a lost session, a restart or a dead-letter replay never makes a second document; the FNote
            marks the document with its usage id, and a document under the number without it is not taken for ours.
            Save, Submit and Audit are separate calls (or `IsAutoSubmitAndAudit` followed by a status query); a
            partial failure is completed on the next delivery. A deduction that would make stock negative FAILS with
            Kingdee's message and is not retried.

            **Calls.** Every WebAPI call goes through the kit's call loop: rate budget, session, send, classify, a lost
            session (MsgCode 1) renewed once, back-off; a call is repeated within `kingdee.max-attempts` only when the
            answer proves it was not done (503, 429, MsgCode 6/13/14). A write with an unknown outcome is never
            repeated as it is: the next round looks the `FBillNo` up first.

            **Known parts and warehouses.** A material or warehouse `kingdee.material-codes` /
            `kingdee.warehouse-codes` maps is known without a call; any other is looked up by `FNumber` in
            `BD_MATERIAL` / `BD_STOCK` for the stock organisation (`FUseOrgId`). Numbers are written into the
            query's FilterString, so a code outside letters, digits, `.`, `-`, `_` (1-80) is refused as invalid
            input before any call — for lookups, stock reads and deductions alike.

            Validation runs in two stages: the parameters below, then a login (or a signed probe) within
            `kingdee.timeout-ms`, with failures attached to the key at fault. Secret values are shown as `****`
            everywhere.""";

    private final KingdeeFixture fixture = new KingdeeFixture();

    /** The auth mode this class checks. */
    protected String authMode() {
        return "SIGNATURE";
    }

    @BeforeEach
    void canariesAndStrictSessions() {
        KingdeeMock mock = (KingdeeMock) mock().mock();
        mock.config().setAppSecret(CANARY_APP_SECRET);
        mock.config().setPassword(CANARY_PASSWORD);
        mock.config().setReissueStaleSidWithSignature(false);
    }

    @Override
    protected StockConnectorFixture fixture() {
        return fixture;
    }

    @Override
    protected Map<String, String> validConfig() {
        return with(super.validConfig(), "kingdee.auth-mode", authMode());
    }

    @Override
    protected String docTitle() {
        return "Kingdee K/3 Cloud connector";
    }

    @Override
    protected String docIntro() {
        return INTRO;
    }

    @Override
    protected List<InvalidConfig> invalidConfigs() {
        Map<String, String> ok = validConfig();
        return List.of(
                new InvalidConfig("account set missing", with(ok, "kingdee.acct-id", null), "kingdee.acct-id"),
                new InvalidConfig("base URL not a URL", with(ok, "kingdee.base-url", "erp.example.com"),
                        "kingdee.base-url"),
                new InvalidConfig("ValidateUser without password", with(ok, "kingdee.auth-mode", "validate-user",
                        "kingdee.password", null), "kingdee.password"),
                new InvalidConfig("signature mode without app secret", with(ok, "kingdee.auth-mode", "SIGNATURE",
                        "kingdee.app-secret", null), "kingdee.app-secret"),
                new InvalidConfig("app id without encoded secret", with(ok, "kingdee.auth-mode", "SIGNATURE",
                        "kingdee.app-id", "228761"), "kingdee.app-id"),
                new InvalidConfig("timeout out of range", with(ok, "kingdee.timeout-ms", "10"), "kingdee.timeout-ms"),
                new InvalidConfig("first back-off above the largest", with(ok, "kingdee.backoff-initial-ms", "500",
                        "kingdee.backoff-max-ms", "100"), "kingdee.backoff-initial-ms"),
                new InvalidConfig("the old name of the back-off key", with(ok, "kingdee.retry-backoff-ms", "500"),
                        "kingdee.retry-backoff-ms"),
                new InvalidConfig("unknown locale", with(ok, "kingdee.lcid", "9999"), "kingdee.lcid"),
                new InvalidConfig("bill prefix with lower case", with(ok, "kingdee.bill-no-prefix", "ah"),
                        "kingdee.bill-no-prefix"),
                new InvalidConfig("warehouse map not pairs", with(ok, "kingdee.warehouse-codes", "WH01"),
                        "kingdee.warehouse-codes"),
                new InvalidConfig("misspelt key", with(ok, "kingdee.acctid", "x"), "kingdee.acctid"));
    }

    @Override
    protected List<InvalidConfig> unreachableConfigs() {
        Map<String, String> ok = validConfig();
        return List.of(
                new InvalidConfig("nothing listens there", with(ok, "kingdee.base-url",
                        "http://127.0.0.1:" + closedPort() + "/k3cloud/"), "kingdee.base-url"),
                new InvalidConfig("wrong app secret", with(ok, "kingdee.app-secret", "wrong-secret-0000"),
                        "kingdee.app-secret"),
                new InvalidConfig("unknown account set", with(ok, "kingdee.acct-id", "000000000000"),
                        "kingdee.acct-id"));
    }
}
