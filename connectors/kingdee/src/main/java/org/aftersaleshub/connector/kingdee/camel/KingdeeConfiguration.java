package org.aftersaleshub.connector.kingdee.camel;

import static org.aftersaleshub.connector.kingdee.KingdeeConnectorConfig.*;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.OptionNames;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options a {@code kingdee:} endpoint or the component can carry. Each maps to the connector key of the same
 * name ({@code acctId} ↔ {@code kingdee.acct-id}); keys without an option here are set through
 * {@link #setSettings(Map)} or by giving the component a started connector.
 */
@UriParams
public class KingdeeConfiguration implements Cloneable {

    @UriParam(label = "common", description = "WebAPI base URL, e.g. https://erp.example.com/k3cloud/ (kingdee.base-url).")
    @Metadata(required = true)
    private String baseUrl;
    @UriParam(label = "common", description = "Account-set (data centre) id, 账套ID (kingdee.acct-id).")
    @Metadata(required = true)
    private String acctId;
    @UriParam(label = "security", description = "K/3 Cloud user (kingdee.user-name).")
    @Metadata(required = true)
    private String userName;
    @UriParam(label = "security", enums = "SIGNATURE,LOGIN_BY_SIGN,VALIDATE_USER", defaultValue = "SIGNATURE",
            description = "How to authenticate (kingdee.auth-mode).")
    private String authMode;
    @UriParam(label = "security", description = "Third-party app id <clientId>_<encodedSecret> (kingdee.app-id).")
    private String appId;
    @UriParam(label = "security", secret = true, description = "App secret (kingdee.app-secret).")
    private String appSecret;
    @UriParam(label = "security", secret = true, description = "Password, VALIDATE_USER only (kingdee.password).")
    private String password;
    @UriParam(label = "common", description = "Stock organisation number, 组织编码 (kingdee.org-number).")
    @Metadata(required = true)
    private String orgNumber;
    @UriParam(label = "advanced", defaultValue = "2052", description = "Locale id (kingdee.lcid).")
    private Integer lcid;
    @UriParam(label = "advanced", enums = "STEPWISE,AUTO_AUDIT", defaultValue = "STEPWISE",
            description = "Save/Submit/Audit separately or with IsAutoSubmitAndAudit (kingdee.write-mode).")
    private String writeMode;
    @UriParam(label = "advanced", defaultValue = "60000", description = "Request timeout in ms (kingdee.timeout-ms).")
    private Long timeoutMs;
    @UriParam(label = "advanced", prefix = "settings.", multiValue = true,
            description = "Any other connector key, as settings.<key without the kingdee. prefix>=value, e.g. "
                    + "settings.warehouse-codes=WH01=CK001.")
    private Map<String, Object> settings = new LinkedHashMap<>();

    /** The connector configuration these options stand for. */
    public Map<String, String> toConnectorConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        settings.forEach((k, v) -> c.put(k.startsWith("kingdee.") ? k : "kingdee." + k, String.valueOf(v)));
        put(c, BASE_URL, baseUrl);
        put(c, ACCT_ID, acctId);
        put(c, USER_NAME, userName);
        put(c, AUTH_MODE, authMode);
        put(c, APP_ID, appId);
        put(c, APP_SECRET, appSecret);
        put(c, PASSWORD, password);
        put(c, ORG_NUMBER, orgNumber);
        put(c, LCID, lcid);
        put(c, WRITE_MODE, writeMode);
        put(c, TIMEOUT_MS, timeoutMs);
        return c;
    }

    private static void put(Map<String, String> c, ConfigKey key, Object value) {
        if (value != null) {
            c.put(key.name(), value.toString());
        }
    }

    /** The endpoint option that sets a connector key ({@code kingdee.acct-id} → {@code acctId}). */
    static String optionFor(String key) {
        String k = key.startsWith("kingdee.") ? key.substring("kingdee.".length()) : key;
        String option = OptionNames.camelCase(k);
        return java.util.Arrays.stream(KingdeeConfiguration.class.getDeclaredFields())
                .anyMatch(f -> f.getName().equals(option)) ? option : "settings." + k.toLowerCase(Locale.ROOT);
    }

    public KingdeeConfiguration copy() {
        try {
            KingdeeConfiguration c = (KingdeeConfiguration) clone();
            c.settings = new LinkedHashMap<>(settings);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getAcctId() { return acctId; }
    public void setAcctId(String acctId) { this.acctId = acctId; }
    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public String getAuthMode() { return authMode; }
    public void setAuthMode(String authMode) { this.authMode = authMode; }
    public String getAppId() { return appId; }
    public void setAppId(String appId) { this.appId = appId; }
    public String getAppSecret() { return appSecret; }
    public void setAppSecret(String appSecret) { this.appSecret = appSecret; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getOrgNumber() { return orgNumber; }
    public void setOrgNumber(String orgNumber) { this.orgNumber = orgNumber; }
    public Integer getLcid() { return lcid; }
    public void setLcid(Integer lcid) { this.lcid = lcid; }
    public String getWriteMode() { return writeMode; }
    public void setWriteMode(String writeMode) { this.writeMode = writeMode; }
    public Long getTimeoutMs() { return timeoutMs; }
    public void setTimeoutMs(Long timeoutMs) { this.timeoutMs = timeoutMs; }
    public Map<String, Object> getSettings() { return settings; }
    public void setSettings(Map<String, Object> settings) { this.settings = new LinkedHashMap<>(settings); }
}
