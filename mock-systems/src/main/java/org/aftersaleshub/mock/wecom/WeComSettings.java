package org.aftersaleshub.mock.wecom;

import java.util.ArrayList;
import java.util.List;

/**
 * Tunable behaviour of the WeCom mock ({@code GET|POST /mock-admin/config}, partial JSON merged in). Defaults are
 * the figures of the API notes; unverified points ([I] / gaps, docs/vendor-apis/wecom.md §8) are here so a test
 * can choose.
 */
public class WeComSettings {

    /** Token life (docs/vendor-apis/wecom.md §2.1: 7200 s; a repeat fetch while valid returns the same token). */
    public long tokenTtlSeconds = 7200;

    /**
     * App messages to one member per minute; beyond, accepted and silently dropped
     * (docs/vendor-apis/wecom.md §2.5, §6.2 [I]).
     */
    public int messagesPerMemberPerMinute = 30;

    /** Calls per corp per API per minute before 45009 (docs/vendor-apis/wecom.md §2.5 [O]: 10 000/min). */
    public int apiCallsPerMinute = 10_000;

    /** Group robot messages per minute before 45009 (docs/vendor-apis/wecom.md §5: 20/min; the code is [O]). */
    public int robotMessagesPerMinute = 20;

    /** {@code duplicate_check_interval} when the request leaves it out (docs/vendor-apis/wecom.md §3.1: 1 800 s). */
    public long duplicateCheckIntervalSeconds = 1800;

    /** response_code life, single use (docs/vendor-apis/wecom.md §3.4: 72 h in the current docs [O]; older 24 h). */
    public long responseCodeTtlHours = 72;
    /** errcode for a used, expired or unknown response_code: not recorded (docs/vendor-apis/wecom.md §3.4) [I]. */
    public int invalidResponseCodeErrcode = 40029;
    /**
     * Template cards (docs/vendor-apis/wecom.md §3.2, §10): the errcode for a template_card WeCom would refuse (a bad
     * task_id, more than six buttons, a repeated key) — not recorded, [I] 40058.
     */
    public int templateCardInvalidErrcode = 40058;
    /** Whether an interactive card without task_id is refused (a gap: whether it is mandatory is unknown). */
    public boolean templateCardTaskIdRequired = false;
    /** Non-zero: the errcode for a task_id the app used before (a gap); 0 accepts it and keeps the newer card. */
    public int reusedTaskIdErrcode = 0;

    /**
     * Contacts (通讯录, docs/vendor-apis/wecom.md §9); flat fields so a partial {@code POST /mock-admin/config} changes
     * one at a time. Whether {@code user/get} and {@code user/list} return mobile, email, gender, avatar and address:
     * not for self-built apps created after 2022-06-20 ([C] docs/vendor-apis/wecom.md §9.4), so off by default.
     */
    public boolean contactsSensitiveFieldsReturned = false;
    /**
     * Non-zero: {@code user/list} and {@code user/simplelist} answer this errcode instead of members, as for an IP
     * added to the contacts-sync secret after 2022-08-15 ([C] docs/vendor-apis/wecom.md §9.4 says refused; the code,
     * 48009 seen by a third party, [O]).
     */
    public int contactsUserListRefusedErrcode = 0;
    /** {@code user/list_id} {@code limit} range upper bound ([C] 10 000). */
    public int contactsListIdMaxLimit = 10_000;
    /**
     * errcode for a bad parameter such as an out-of-range limit or a foreign cursor ([I] 40058,
     * docs/vendor-apis/wecom.md §9.6).
     */
    public int contactsInvalidParamErrcode = 40058;
    /** errcode of {@code user/get} for an unknown or removed userid ([C] 60111). */
    public int contactsUserNotFoundErrcode = 60111;
    /**
     * errcode for an unknown department id ([I] 60123; 60003 is the other candidate, docs/vendor-apis/wecom.md §9.6).
     */
    public int contactsDeptNotFoundErrcode = 60123;

    /** The mock playing WeCom towards the hub's callback URL (docs/vendor-apis/wecom.md §4). */
    public Callback callback = new Callback();

    /** Callback target and crypto. */
    public static class Callback {
        public String url;
        public String token = "aftersalesWeComToken";
        public String aesKey = "U9224xf2MvQyGplpErf87038J1ta6sKT4t2WGmABMsB";
        /** Reply deadline; WeChat-family servers wait 5 s [I] (the AI-bot doc says 1 s for URL verification). */
        public long replyTimeoutMs = 5000;
        /** Re-sends after a bad or late reply: three, at once [I] (WeChat convention, not re-checked for WeCom). */
        public List<Long> retryDelaysMs = new ArrayList<>(List.of(0L, 0L, 0L));
    }
}
