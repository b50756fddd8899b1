package org.aftersaleshub.connector.kingdee;

import static org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.*;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.AuthMode;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.SignAlgorithm;
import org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.WriteMode;

/**
 * The typed values of a validated Kingdee configuration: Kingdee's own keys, plus the kit's common keys as
 * {@link #calls()}. {@link #toString()} masks the secrets.
 */
public record KingdeeSettings(URI baseUrl, String acctId, String userName, AuthMode authMode, String appId,
                              String appSecret, String password, SignAlgorithm loginSignAlgorithm, int lcid,
                              String orgNumber, String departmentNumber, WriteMode writeMode, String billNoPrefix,
                              String returnBillNoPrefix, String outboundBillType, String inboundBillType,
                              String stockStatus, boolean allowNegativeStock, Map<String, String> materialCodes,
                              Map<String, String> warehouseCodes, Duration sessionTtl, CommonKeys.Values calls) {

    public static KingdeeSettings from(ConnectorConfig c) {
        String base = c.uri(BASE_URL).toString();
        return new KingdeeSettings(URI.create(base.endsWith("/") ? base : base + "/"), c.string(ACCT_ID),
                c.string(USER_NAME), c.enumValue(AUTH_MODE, AuthMode.class), c.string(APP_ID), c.string(APP_SECRET),
                c.string(PASSWORD), c.enumValue(LOGIN_SIGN_ALGORITHM, SignAlgorithm.class), c.integer(LCID),
                c.string(ORG_NUMBER), c.string(DEPARTMENT_NUMBER), c.enumValue(WRITE_MODE, WriteMode.class),
                c.string(BILL_NO_PREFIX), c.string(RETURN_BILL_NO_PREFIX), c.string(OUTBOUND_BILL_TYPE),
                c.string(INBOUND_BILL_TYPE), c.string(STOCK_STATUS), c.bool(ALLOW_NEGATIVE_STOCK),
                c.map(MATERIAL_CODES), c.map(WAREHOUSE_CODES), Duration.ofMinutes(c.longValue(SESSION_TTL_MINUTES)),
                CALLS.values(c));
    }

    /** The same settings with other timeouts, attempts and limits (the connectivity check's bounded copy). */
    public KingdeeSettings withCalls(CommonKeys.Values other) {
        return new KingdeeSettings(baseUrl, acctId, userName, authMode, appId, appSecret, password, loginSignAlgorithm,
                lcid, orgNumber, departmentNumber, writeMode, billNoPrefix, returnBillNoPrefix, outboundBillType,
                inboundBillType, stockStatus, allowNegativeStock, materialCodes, warehouseCodes, sessionTtl, other);
    }

    /** Who the session belongs to, for the session cache key. */
    public String identity() {
        return authMode + ":" + userName + ":" + (appId == null ? "" : appId);
    }

    @Override
    public String toString() {
        return "KingdeeSettings[baseUrl=" + baseUrl + ", acctId=" + acctId + ", userName=" + userName + ", authMode="
                + authMode + ", appId=" + appId + ", appSecret=****, password=****, orgNumber=" + orgNumber
                + ", writeMode=" + writeMode + ", timeout=" + calls.timeout() + "]";
    }
}
