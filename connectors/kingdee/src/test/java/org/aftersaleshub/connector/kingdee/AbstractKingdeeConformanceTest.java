package org.aftersaleshub.connector.kingdee;

import static org.aftersaleshub.connector.kingdee.KingdeeTestSupport.*;

import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.conformance.ConnectorConformanceTest;
import org.aftersaleshub.connector.stock.DeductionResult;
import org.aftersaleshub.mock.MockSystemsExtension;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit's conformance checks against the Kingdee mock; subclasses pick the auth mode. */
abstract class AbstractKingdeeConformanceTest extends ConnectorConformanceTest<KingdeeConnector> {

    @RegisterExtension
    static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");

    protected KingdeeMock mock;

    protected abstract String authMode();

    @BeforeEach
    void prepareMock() {
        mock = mocks.get(KingdeeMock.class);
        acceptCanaries(mock);
    }

    @Override
    protected KingdeeConnector newConnector() {
        return new KingdeeConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return config(mock, authMode());
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

    @Override
    protected void performEffect(KingdeeConnector connector, String key) {
        DeductionResult r = connector.deduct(usage(key, "1"));
        if (!r.isDone()) {
            throw new AssertionError("deduction failed: " + r.reason());
        }
    }

    @Override
    protected long countEffects(String key) {
        return outbound(mock, BillNumbers.derive("AH", key)).size();
    }

    @Override
    protected void expireTokensNow() {
        mock.expireAllSessions();
    }

    @Override
    protected long tokenRefreshes(KingdeeConnector connector) {
        return connector.sessionRefreshes();
    }

    @Override
    protected void armCommitThenTimeout() {
        commitThenAnswerLate(mock, "Save", 2500);
    }

    @Override
    protected void armRateLimitAnswer() {
        fault(mock, "Save", FaultPlan.Kind.HTTP_ERROR, FaultPlan.Phase.BEFORE, 1, 429);
    }
}
