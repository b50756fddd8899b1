package org.aftersaleshub.connector.kingdee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.stock.DeductionRequest;
import org.aftersaleshub.mock.kingdee.KingdeeMock;
import org.aftersaleshub.mock.support.FaultPlan;
import org.aftersaleshub.model.Quantity;

/** Configurations and mock hooks shared by the Kingdee tests. */
final class KingdeeTestSupport {

    /** Canary secrets: the mock is told to accept them, and the conformance kit searches logs for them. */
    static final String CANARY_APP_SECRET = "canary-kd-appsecret-7f3a9c1e";
    static final String CANARY_PASSWORD = "canary-kd-password-52b8d0aa";
    static final String ACCT_ID = "6571d9a3c1b2e4000a1b2c3d";
    static final String APP_ID = "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2";
    static final String PART = "SP-COMP-001";
    static final String MATERIAL = "1.01.0001";
    static final String WAREHOUSE = "WH01";
    static final String STOCK = "CK001";

    private KingdeeTestSupport() {
    }

    /** Makes the mock accept the canary secrets. */
    static void acceptCanaries(KingdeeMock mock) {
        mock.config().setAppSecret(CANARY_APP_SECRET);
        mock.config().setPassword(CANARY_PASSWORD);
    }

    /** A working configuration for the mock in {@code mode}, with short timeouts and back-offs for fast tests. */
    static Map<String, String> config(KingdeeMock mock, String mode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("kingdee.base-url", mock.baseUrl() + "/k3cloud/");
        c.put("kingdee.acct-id", ACCT_ID);
        c.put("kingdee.user-name", "integration");
        c.put("kingdee.auth-mode", mode);
        if (mode.equals("VALIDATE_USER")) {
            c.put("kingdee.password", CANARY_PASSWORD);
        } else {
            c.put("kingdee.app-id", APP_ID);
            c.put("kingdee.app-secret", CANARY_APP_SECRET);
        }
        c.put("kingdee.org-number", "100");
        c.put("kingdee.material-codes", PART + "=" + MATERIAL + ",SP-PSU-002=1.02.0002");
        c.put("kingdee.warehouse-codes", "WH01=CK001,WH02=CK002,WH03=CK003");
        c.put("kingdee.timeout-ms", "1500");
        c.put("kingdee.connect-timeout-ms", "500");
        c.put("kingdee.retry-backoff-ms", "10");
        c.put("kingdee.max-attempts", "4");
        return c;
    }

    static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> c = new LinkedHashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                c.remove(keyValues[i]);
            } else {
                c.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return c;
    }

    static DeductionRequest usage(String usageId, String qty) {
        return new DeductionRequest(usageId, "TK-" + usageId, PART, null, WAREHOUSE, new Quantity(new BigDecimal(qty),
                "台"));
    }

    /** Outbound documents (STK_MisDelivery) the mock holds with this bill number. */
    static List<Map<String, Object>> outbound(KingdeeMock mock, String billNo) {
        return mock.documentsByBillNo(billNo).stream().filter(d -> "STK_MisDelivery".equals(d.get("formId"))).toList();
    }

    static List<Map<String, Object>> inbound(KingdeeMock mock, String billNo) {
        return mock.documentsByBillNo(billNo).stream().filter(d -> "STK_Miscellaneous".equals(d.get("formId")))
                .toList();
    }

    /** The next {@code operation} commits, then answers after {@code delayMs} (past the 1500 ms client timeout). */
    static void commitThenAnswerLate(KingdeeMock mock, String operation, long delayMs) {
        mock.faults().add(new FaultPlan.Rule(operation, FaultPlan.Kind.DELAY, FaultPlan.Phase.AFTER, 1, 1.0, 0,
                delayMs, delayMs));
    }

    static void fault(KingdeeMock mock, String operation, FaultPlan.Kind kind, FaultPlan.Phase phase, int count,
                      int status) {
        mock.faults().add(new FaultPlan.Rule(operation, kind, phase, count, 1.0, status, 0, 0));
    }

    /** A port nothing listens on. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
