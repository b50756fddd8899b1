package org.aftersaleshub.mock.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CRM tenant the FXiaoKe mock plays: the app's credentials, the corp and enterprise account, and the user the
 * API acts as. Seeded from the {@code fxiaoke} section (a later seed overrides; a reset keeps the last values).
 * Read and written under the mock's lock.
 */
final class FxiaokeTenant {

    String appId = "FSAID_13189e1aftersalesdemo";
    String appSecret = "demo-fxiaoke-app-secret-aftersales-hub";
    String permanentCode = "demo-fxiaoke-permanent-code-0001";
    String corpId = "FSCID_aftersalesdemo0001";
    String ea = "aftersalesdemo";
    String openUserId = "FSUID_aftersalesdemo1000";
    String crmUserId = "1000";

    void seed(JsonNode own) {
        appId = own.path("appId").asText(appId);
        appSecret = own.path("appSecret").asText(appSecret);
        permanentCode = own.path("permanentCode").asText(permanentCode);
        corpId = own.path("corpId").asText(corpId);
        ea = own.path("ea").asText(ea);
        openUserId = own.path("openUserId").asText(openUserId);
        crmUserId = own.path("crmUserId").asText(crmUserId);
    }
}
