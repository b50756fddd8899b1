package org.aftersaleshub.mock.yonyou;

/**
 * Knobs of the U8 mock. The U8 error-code catalogue is not public (docs/vendor-apis/yonyou-u8.md §8.1, §11), so every
 * non-zero code here is [I] and configurable; change from a test ({@code mock.config().setX(..)}) or with
 * {@code POST /mock-admin/u8/config}.
 */
public class U8Config {

    /**
     * What a repeated biz_id / tradeid gets ([I], docs/vendor-apis/yonyou-u8.md §4.3: "assume it returns the original
     * result").
     */
    public enum DuplicatePolicy { RETURN_ORIGINAL, ERROR }

    private String fromAccount = "demo_dev";
    private String toAccount = "demo_ent";
    private String appKey = "opa5e9d3c1b2a4f6e8";
    private String appSecret = "u8-demo-app-secret";
    private long tokenLifetimeSeconds = 7200;
    /** Seconds the async answer tells the client to wait. */
    private int pingAfterSeconds = 3;
    /**
     * Reads of the async result url that still answer 处理中 (with the url again) before the final result. Default 0:
     * the first read — which Yonyou's own Java SDK (openapi4j) makes once, after waiting {@code ping_after} — gets
     * the voucher id. A value above 0 is the opt-in "slow result" fault, for clients that must poll again.
     */
    private int asyncPollsBeforeResult = 0;
    private DuplicatePolicy duplicatePolicy = DuplicatePolicy.RETURN_ORIGINAL;
    /** [gap] U8 can be set to allow negative stock; off by default. */
    private boolean allowNegativeStock = false;
    /** Serve error bodies as text/html (some documented U8 answers carry that content type). */
    private boolean errorsAsHtml = false;

    private String badCredentialsErrcode = "30001";
    private String tokenErrcode = "30011";
    private String paramErrcode = "2001";
    private String duplicateErrcode = "2003";
    private String validationErrcode = "40001";
    private String negativeStockErrcode = "40002";
    private String notFoundErrcode = "20001";
    private String auditLoginErrcode = "30023";

    public String getFromAccount() { return fromAccount; }
    public void setFromAccount(String v) { fromAccount = v; }
    public String getToAccount() { return toAccount; }
    public void setToAccount(String v) { toAccount = v; }
    public String getAppKey() { return appKey; }
    public void setAppKey(String v) { appKey = v; }
    public String getAppSecret() { return appSecret; }
    public void setAppSecret(String v) { appSecret = v; }
    public long getTokenLifetimeSeconds() { return tokenLifetimeSeconds; }
    public void setTokenLifetimeSeconds(long v) { tokenLifetimeSeconds = v; }
    public int getPingAfterSeconds() { return pingAfterSeconds; }
    public void setPingAfterSeconds(int v) { pingAfterSeconds = v; }
    public int getAsyncPollsBeforeResult() { return asyncPollsBeforeResult; }
    public void setAsyncPollsBeforeResult(int v) { asyncPollsBeforeResult = v; }
    public DuplicatePolicy getDuplicatePolicy() { return duplicatePolicy; }
    public void setDuplicatePolicy(DuplicatePolicy v) { duplicatePolicy = v; }
    public boolean isAllowNegativeStock() { return allowNegativeStock; }
    public void setAllowNegativeStock(boolean v) { allowNegativeStock = v; }
    public boolean isErrorsAsHtml() { return errorsAsHtml; }
    public void setErrorsAsHtml(boolean v) { errorsAsHtml = v; }
    public String getBadCredentialsErrcode() { return badCredentialsErrcode; }
    public void setBadCredentialsErrcode(String v) { badCredentialsErrcode = v; }
    public String getTokenErrcode() { return tokenErrcode; }
    public void setTokenErrcode(String v) { tokenErrcode = v; }
    public String getParamErrcode() { return paramErrcode; }
    public void setParamErrcode(String v) { paramErrcode = v; }
    public String getDuplicateErrcode() { return duplicateErrcode; }
    public void setDuplicateErrcode(String v) { duplicateErrcode = v; }
    public String getValidationErrcode() { return validationErrcode; }
    public void setValidationErrcode(String v) { validationErrcode = v; }
    public String getNegativeStockErrcode() { return negativeStockErrcode; }
    public void setNegativeStockErrcode(String v) { negativeStockErrcode = v; }
    public String getNotFoundErrcode() { return notFoundErrcode; }
    public void setNotFoundErrcode(String v) { notFoundErrcode = v; }
    public String getAuditLoginErrcode() { return auditLoginErrcode; }
    public void setAuditLoginErrcode(String v) { auditLoginErrcode = v; }
}
