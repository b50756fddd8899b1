package org.aftersaleshub.mock.yonbip;

import java.util.ArrayList;
import java.util.List;

/**
 * Knobs of the YonBIP mock; [I]/gap points of docs/vendor-apis/yonyou-yonbip.md §11 with the suggested default.
 * Change from a test ({@code mock.config().setX(..)}) or with {@code POST /mock-admin/yonbip/config}.
 */
public class YonBipConfig {

    /**
     * What a repeated resubmitCheckKey gets ([I], docs/vendor-apis/yonyou-yonbip.md §6: "the original result, or a
     * duplicate error").
     */
    public enum ResubmitPolicy { RETURN_ORIGINAL, ERROR }

    private String tenantId = "demo-tenant";
    private String appKey = "yb-demo-app-key-0001";
    private String appSecret = "yb-demo-app-secret-0001";
    private long tokenLifetimeSeconds = 7200;
    private ResubmitPolicy resubmitPolicy = ResubmitPolicy.RETURN_ORIGINAL;
    /** {@code data.status} of a saved document: 0 not submitted, 1 submitted. */
    private int savedStatus = 0;
    /** [gap] negative stock on audit; off by default. */
    private boolean allowNegativeStock = false;
    /** Routes whose bad-token answer is {@code text/plain} {@code 非法token} instead of JSON [O]. */
    private List<String> plainTextInvalidTokenPaths = new ArrayList<>(List.of("/yonbip/scm/stock/QueryCurrentStocksByCondition"));
    /** [gap] calls per minute per API path before rate limiting; 0 = unlimited. */
    private int rateLimitPerMinute = 0;
    /** How rate limiting answers: {@code 310046} with HTTP 429, or {@code 999} "操作过于频繁" with HTTP 200. */
    private boolean rateLimitAs999 = false;
    /** [C-3p, low confidence] code for a bad token signature. */
    private String badSignatureCode = "50000";

    public String getTenantId() { return tenantId; }
    public void setTenantId(String v) { tenantId = v; }
    public String getAppKey() { return appKey; }
    public void setAppKey(String v) { appKey = v; }
    public String getAppSecret() { return appSecret; }
    public void setAppSecret(String v) { appSecret = v; }
    public long getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    public void setTokenLifetimeSeconds(long v) { tokenLifetimeSeconds = v; }
    public ResubmitPolicy getResubmitPolicy() { return resubmitPolicy; }
    public void setResubmitPolicy(ResubmitPolicy v) { resubmitPolicy = v; }
    public int getSavedStatus() { return savedStatus; }
    public void setSavedStatus(int v) { savedStatus = v; }
    public boolean isAllowNegativeStock() { return allowNegativeStock; }
    public void setAllowNegativeStock(boolean v) { allowNegativeStock = v; }
    public List<String> getPlainTextInvalidTokenPaths() { return plainTextInvalidTokenPaths; }
    public void setPlainTextInvalidTokenPaths(List<String> v) { plainTextInvalidTokenPaths = v; }
    public int getRateLimitPerMinute() { return rateLimitPerMinute; }
    public void setRateLimitPerMinute(int v) { rateLimitPerMinute = v; }
    public boolean isRateLimitAs999() { return rateLimitAs999; }
    public void setRateLimitAs999(boolean v) { rateLimitAs999 = v; }
    public String getBadSignatureCode() { return badSignatureCode; }
    public void setBadSignatureCode(String v) { badSignatureCode = v; }
}
