package org.aftersaleshub.mock.dingtalk;

import java.util.ArrayList;
import java.util.List;

/**
 * Tunable behaviour of the DingTalk mock, changed at run time with {@code POST /mock-admin/config} (a partial
 * JSON object merged into this one) and read with {@code GET /mock-admin/config}. Defaults are the spec's
 * figures; values the spec marks unverified are here so a test can pick another reading.
 */
public class DingTalkSettings {

    /**
     * Access-token life (docs/vendor-apis/dingtalk.md §2.2: 7200 s; a re-fetch while valid returns the same token and
     * extends it).
     */
    public long tokenTtlSeconds = 7200;

    /**
     * Per app and API calls per window before 90018 / 403 QpsLimitForAppkeyAndApi (docs/vendor-apis/dingtalk.md §3:
     * 20/s standard edition).
     */
    public int qpsPerAppAndApi = 20;
    /** The QPS window; tests may widen it to make bursts deterministic. */
    public long qpsWindowMs = 1000;

    /**
     * Server-API calls per egress IP per window before a ban (docs/vendor-apis/dingtalk.md §3: 10 000 per 20 s, ban 5
     * min).
     */
    public int ipCallsPerWindow = 10_000;
    public long ipWindowMs = 20_000;
    public long ipBanMinutes = 5;
    /** The ban body: {@code json} ({"status":1111,...}) or {@code html}; both seen in the wild. */
    public String ipBanBody = "json";
    /** HTTP status of the ban answer [I] (not documented). */
    public int ipBanHttpStatus = 200;

    /**
     * Server-API calls per organisation and calendar month (China time) before 90020 / 403 ApiCountLimitForOrg
     * (docs/vendor-apis/dingtalk.md §3: 5 000 for the standard edition; token and contacts calls are not counted).
     * Raise it for load runs.
     */
    public long monthlyApiQuota = 5000;

    /** Custom robot: messages per minute, then a block (docs/vendor-apis/dingtalk.md §5.4: 20/min, then 10 min). */
    public int robotMessagesPerMinute = 20;
    public long robotBlockMinutes = 10;
    /** 410100 (current docs) or 130101 (older traffic). */
    public int robotRateLimitErrcode = 410100;
    /** Allowed skew of the robot {@code timestamp} from server time (docs/vendor-apis/dingtalk.md §5.2: 1 hour). */
    public long robotTimestampSkewMs = 3_600_000;
    /** {@code plain} ("sign not match") or {@code legacy} (adds ", more: [https://ding-doc...]"). */
    public String robotErrmsgStyle = "plain";
    /** errcode for an unknown robot token: 300001 (observed "token is not exist") or 400101 (docs). */
    public int robotUnknownTokenErrcode = 300001;
    /** The doc sample shows errcode as the string "0"; real traffic uses the number [I]. */
    public boolean robotSuccessErrcodeAsString = false;

    /**
     * Work notices (docs/vendor-apis/dingtalk.md §4.3): per-user daily cap (143105) and per-app recipients per minute
     * (143103).
     */
    public int workNoticeDailyCapPerUser = 500;
    public int workNoticeRecipientsPerAppPerMinute = 5000;
    /** getsendresult answers only for tasks this young (docs/vendor-apis/dingtalk.md §4.3: 24 h). */
    public long sendResultRetentionHours = 24;

    /**
     * Contacts (通讯录, docs/vendor-apis/dingtalk.md §12). Flat fields so a partial {@code POST /mock-admin/config}
     * changes one without resetting the others. Page size limit of {@code topapi/v2/user/list} ([C] 100).
     */
    public int contactsMaxPageSize = 100;
    /**
     * errcode for a page size over the limit or a missing required parameter ([I] 400002,
     * docs/vendor-apis/dingtalk.md §12.7).
     */
    public int contactsInvalidParamErrcode = 400002;
    /**
     * errcode of {@code topapi/v2/user/get} for an unknown or removed userid (a gap in the sources; 60121,
     * docs/vendor-apis/dingtalk.md §12.7).
     */
    public int contactsUserNotFoundErrcode = 60121;
    /** errcode for an unknown dept_id ([C] 60003, docs/vendor-apis/dingtalk.md §12.7). */
    public int contactsDeptNotFoundErrcode = 60003;
    /**
     * Whether the app holds the mobile-number field permission (手机号码信息, docs/vendor-apis/dingtalk.md §12.6 [I]);
     * without it the mobile is left out of user answers.
     */
    public boolean contactsMobileGranted = true;
    /**
     * Whether members who have not activated DingTalk ({@code active:false}) appear in user/list
     * (docs/vendor-apis/dingtalk.md §12.4 [I]).
     */
    public boolean contactsListInactiveUsers = true;

    /**
     * Interactive cards (docs/vendor-apis/dingtalk.md §7, §13): how long a card click waits for the hub's answer
     * ([C] 2 s). A later or non-JSON answer fails the click; clicks are not re-sent (the retry policy is a gap).
     */
    public long cardCallbackReplyTimeoutMs = 2000;
    /**
     * The answer to {@code createAndDeliver} with an {@code outTrackId} already used: [C] nothing changes; the answer
     * itself is not documented. {@code same} repeats the first answer [I]; {@code error} answers 400
     * {@code param.outTrackIdExist} [I].
     */
    public String cardReusedOutTrackIdAnswer = "same";

    /** HTTP event push (docs/vendor-apis/dingtalk.md §6), the mock acting as DingTalk. */
    public Callback callback = new Callback();

    /** Where and how the mock pushes events. */
    public static class Callback {
        /** The hub's callback URL; pushes fail with a clear message while unset. */
        public String url;
        public String token = "aftersalesdemo";
        public String aesKey = "ptgUzEjfebzJ6sZWdoHIxrXl0gqn87b1PZqZrmktsO3";
        /** The owner key (receiveId): the appKey for an internal app's event subscription. */
        public String ownerKey = "dingaftersalesdemo01";
        /** The hub must reply within this (docs/vendor-apis/dingtalk.md §6.6: 2 500 ms). */
        public long replyTimeoutMs = 2500;
        /** Delays before each re-send (docs/vendor-apis/dingtalk.md §6.7: 10 s, then 30 s more). */
        public List<Long> retryDelaysMs = new ArrayList<>(List.of(10_000L, 30_000L));
    }
}
