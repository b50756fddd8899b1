package org.aftersaleshub.mock.fxiaoke;

import java.util.ArrayList;
import java.util.List;

/**
 * Tunable behaviour of the FXiaoKe mock ({@code GET|POST /mock-admin/config}). Most FXiaoKe facts are doc text
 * seen through a third-party digest (docs/vendor-apis/fxiaoke.md §9); the undocumented ones are settings with a stated
 * default.
 */
public class FxiaokeSettings {

    /**
     * Token life and the window in which a re-fetch returns the same token (docs/vendor-apis/fxiaoke.md §3.3: 7 200 s /
     * 6 600 s).
     */
    public long tokenTtlSeconds = 7200;
    public long tokenReuseSeconds = 6600;
    /** Token calls per app per minute (docs/vendor-apis/fxiaoke.md §3.3: at most 10) and no concurrent calls. */
    public int tokenCallsPerMinute = 10;
    /** errorCode of a rejected burst or concurrent token call: undocumented (docs/vendor-apis/fxiaoke.md §3.3) [I]. */
    public int tokenRejectErrorCode = 30004;
    /** How long a token call occupies its app's slot, so a concurrent call can be observed (0 = instantly). */
    public long tokenServiceTimeMs = 0;

    /**
     * Calls per API path per window before {@link #rateLimitErrorCode} (docs/vendor-apis/fxiaoke.md §4.4: 100 per 20
     * s).
     */
    public int callsPerPathPerWindow = 100;
    public long pathWindowMs = 20_000;
    /** 30004 (per-second frequency) or 14001 (call limit exceeded); both named by the doc text [O]. */
    public int rateLimitErrorCode = 30004;

    /** Query paging (docs/vendor-apis/fxiaoke.md §5.3): limit ≤ 100, offset a multiple of limit, offset ≤ 10 000. */
    public int maxLimit = 100;
    public int maxOffset = 10_000;

    /** errorCode for other illegal parameters (unknown object, missing record, owner in update) [I]: the probe-observed 10006 form. */
    public int illegalParameterErrorCode = 10006;

    /** The CRM's data-change callback to the hub (docs/vendor-apis/fxiaoke.md §6, §7.4). */
    public Callback callback = new Callback();

    /** Where and how the mock posts data-change events. */
    public static class Callback {
        /** The hub's URL; no callbacks while unset. */
        public String url;
        /** Base64 of a 32-byte key, as configured in the CRM (the signature hashes this text). */
        public String aesKey = "YWZ0ZXJzYWxlcy1odWItZGVtby1meGlhb2tlLWtleSE=";
        public String enterpriseAccount = "aftersalesdemo";
        public long tenantId = 790001;
        /** Push after every create/update/invalid/delete/changeOwner. */
        public boolean pushOnChange = true;
        /** Reply deadline [I] (not documented). */
        public long replyTimeoutMs = 5000;
        /** Re-send delays with an increasing retryTimes [I] (the schedule is not documented). */
        public List<Long> retryDelaysMs = new ArrayList<>(List.of(10_000L, 30_000L, 60_000L));
    }
}
