package org.aftersaleshub.connector.kingdee.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors computed independently with Python's hmac/hashlib following the SDK recipes
 * (mock-systems/tools/kingdee_vectors.py), for the demo identity.
 */
class KingdeeSigningTest {

    static final String ACCT = "6571d9a3c1b2e4000a1b2c3d";
    static final String APP_ID = "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2";
    static final String SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String PATH = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc";

    @Test
    void gatewaySecretComesFromTheAppId() {
        assertThat(KingdeeSigning.gatewaySecret(APP_ID)).isEqualTo("UVZBURRAWFsGRR9bQVEaVQ1TUk5TB1YF");
    }

    @Test
    void signatureHeadersMatchTheSdkRecipe() {
        Map<String, String> h = KingdeeSigning.signatureHeaders(PATH, ACCT, "integration", APP_ID, SECRET, 2052,
                "100", 1_700_000_000L);
        assertThat(h).containsEntry("X-Kd-Appdata", "NjU3MWQ5YTNjMWIyZTQwMDBhMWIyYzNkLGludGVncmF0aW9uLDIwNTIsMTAw")
                .containsEntry("X-Kd-Signature",
                        "NjVmNTJhZDg3YzA3NGE5ZDhlMGIxODJhZTg1NDM1Mjc1MmNjZGIzNzlhY2QzNGUwMGNkNzI5MDgwZjk4MjAwZA==")
                .containsEntry("X-Api-Signature",
                        "MTQ5YmFkOWU1MGM1ZjM0ZDQ3OTYxN2ZhYThhNjQyY2EwNGU1ZTc4ODAzZjMyMjlmNTE4M2NkYTI2N2M1MmIyNA==")
                .containsEntry("X-Api-ClientID", "228761").containsEntry("x-api-nonce", "1700000000");
    }

    @Test
    void loginSignMatchesBothDigests() {
        assertThat(KingdeeSigning.loginSign("SHA-256", ACCT, "integration", APP_ID, SECRET, 1_700_000_000L))
                .isEqualTo("0b1daf1bc967cac7ab26c868855a27e2d81bc6e2f3b582faedeac22019012518");
        assertThat(KingdeeSigning.loginSign("SHA-1", ACCT, "integration", APP_ID, SECRET, 1_700_000_000L))
                .isEqualTo("4164602b472923466bf1bb695caee7c3c3b0be44");
    }
}
