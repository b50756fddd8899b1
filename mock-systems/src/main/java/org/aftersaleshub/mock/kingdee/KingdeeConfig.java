package org.aftersaleshub.mock.kingdee;

/**
 * Knobs of the Kingdee mock. Points the spec marks [I] or "gap" live here with the spec's suggested default;
 * change them from a test ({@code mock.config().setX(..)}) or over HTTP:
 * {@code POST /mock-admin/kingdee/config} with any subset of these fields as JSON.
 */
public class KingdeeConfig {

    /** What an insufficient-stock Audit does (docs/vendor-apis/kingdee-k3cloud.md §6.4, §12.3). */
    public enum NegativeStockPolicy {
        /** The ignorable interaction error, unless {@code InterationFlags} holds {@code STK_InvCheckResult}. */
        INTERACTIVE,
        /** The hard "更新库存出现异常情况" failure, flags or not. */
        HARD,
        /** Stock simply goes negative. */
        ALLOW
    }

    // Identity the mock accepts (demo defaults, documented in the module README; vectors in tools/kingdee_vectors.py).
    private String acctId = "6571d9a3c1b2e4000a1b2c3d";
    private String dataCenterName = "售后演示账套";
    private String userName = "integration";
    private String password = "Kd@123456";
    private String appId = "228761_YWZ0ZXJzYWxlcy1odWItbW9jay0yMDI2";
    private String appSecret = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private int lcid = 2052;

    /** Verify X-Kd-Signature and X-Api-Signature (docs/vendor-apis/kingdee-k3cloud.md §12.2: "optionally verify"). */
    private boolean verifySignatures = true;
    /** [I] gap: idle minutes after which a session is gone (no official TTL). */
    private long sessionIdleMinutes = 20;
    /** [O] signature mode: a stale/unknown SID with good signature headers gets a new SID silently. */
    private boolean reissueStaleSidWithSignature = true;
    /** LoginBySign digest: SHA-256 (servers from 8.0.0.202205) or SHA-1 (older servers). */
    private String loginSignAlgorithm = "SHA-256";
    /** [I] LoginBySign timestamp window in seconds; 0 = not enforced (signature headers are not, per [O]). */
    private long loginSignMaxSkewSeconds = 0;
    /** LoginResultType for wrong user/password ({@code 0} PWError or {@code -1} as in the captured sample). */
    private int badLoginResultType = -1;
    /** [I] HTTP status for a wrong acctId in signature mode ("non-200", exact value unknown). */
    private int badAcctIdStatus = 500;

    private NegativeStockPolicy negativeStock = NegativeStockPolicy.INTERACTIVE;
    /** [I] gap: whether IsAutoSubmitAndAudit rolls the saved document back when the audit fails. */
    private boolean autoSubmitAndAuditAtomic = false;
    /** [I] gap: window in which ValidateRepeatJson rejects an identical package. */
    private long validateRepeatJsonWindowSeconds = 600;
    /** ErrorCode as the documentation template writes it (string) instead of the real numeric 500. */
    private boolean errorCodeAsString = false;
    /** Omit Errors/SuccessMessages/MsgCode on success, as some servers do. */
    private boolean omitEmptyOnSuccess = false;
    /** Polls of QueryAsyncResult answering Status 1 before the async query mode completes (0 = at once). */
    private int asyncQueryPolls = 0;

    public String getAcctId() { return acctId; }
    public void setAcctId(String v) { acctId = v; }
    public String getDataCenterName() { return dataCenterName; }
    public void setDataCenterName(String v) { dataCenterName = v; }
    public String getUserName() { return userName; }
    public void setUserName(String v) { userName = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
    public String getAppId() { return appId; }
    public void setAppId(String v) { appId = v; }
    public String getAppSecret() { return appSecret; }
    public void setAppSecret(String v) { appSecret = v; }
    public int getLcid() { return lcid; }
    public void setLcid(int v) { lcid = v; }
    public boolean isVerifySignatures() { return verifySignatures; }
    public void setVerifySignatures(boolean v) { verifySignatures = v; }
    public long getSessionIdleMinutes() { return sessionIdleMinutes; }
    public void setSessionIdleMinutes(long v) { sessionIdleMinutes = v; }
    public boolean isReissueStaleSidWithSignature() { return reissueStaleSidWithSignature; }
    public void setReissueStaleSidWithSignature(boolean v) { reissueStaleSidWithSignature = v; }
    public String getLoginSignAlgorithm() { return loginSignAlgorithm; }
    public void setLoginSignAlgorithm(String v) { loginSignAlgorithm = v; }
    public long getLoginSignMaxSkewSeconds() { return loginSignMaxSkewSeconds; }
    public void setLoginSignMaxSkewSeconds(long v) { loginSignMaxSkewSeconds = v; }
    public int getBadLoginResultType() { return badLoginResultType; }
    public void setBadLoginResultType(int v) { badLoginResultType = v; }
    public int getBadAcctIdStatus() { return badAcctIdStatus; }
    public void setBadAcctIdStatus(int v) { badAcctIdStatus = v; }
    public NegativeStockPolicy getNegativeStock() { return negativeStock; }
    public void setNegativeStock(NegativeStockPolicy v) { negativeStock = v; }
    public boolean isAutoSubmitAndAuditAtomic() { return autoSubmitAndAuditAtomic; }
    public void setAutoSubmitAndAuditAtomic(boolean v) { autoSubmitAndAuditAtomic = v; }
    public long getValidateRepeatJsonWindowSeconds() { return validateRepeatJsonWindowSeconds; }
    public void setValidateRepeatJsonWindowSeconds(long v) { validateRepeatJsonWindowSeconds = v; }
    public boolean isErrorCodeAsString() { return errorCodeAsString; }
    public void setErrorCodeAsString(boolean v) { errorCodeAsString = v; }
    public boolean isOmitEmptyOnSuccess() { return omitEmptyOnSuccess; }
    public void setOmitEmptyOnSuccess(boolean v) { omitEmptyOnSuccess = v; }
    public int getAsyncQueryPolls() { return asyncQueryPolls; }
    public void setAsyncQueryPolls(int v) { asyncQueryPolls = v; }
}
