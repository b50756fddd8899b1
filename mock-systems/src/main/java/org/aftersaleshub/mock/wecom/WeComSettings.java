package org.aftersaleshub.mock.wecom;

import java.util.ArrayList;
import java.util.List;

/**
 * Tunable behaviour of the WeCom mock ({@code GET|POST /mock-admin/config}, partial JSON merged in). Defaults are
 * the spec's figures; unverified points ([I] / gaps in im-crm-apis §6) are here so a test can choose.
 */
public class WeComSettings {

    /** Token life (§2.1: 7200 s; a repeat fetch while valid returns the same token). */
    public long tokenTtlSeconds = 7200;

    /** App messages to one member per minute; beyond, accepted and silently dropped (§2.1, §4.2 item 7 [I]). */
    public int messagesPerMemberPerMinute = 30;

    /** Calls per corp per API per minute before 45009 (§2.1 [O]: 10 000/min). */
    public int apiCallsPerMinute = 10_000;

    /** Group robot messages per minute before 45009 (§2.4: 20/min; the code is [O]). */
    public int robotMessagesPerMinute = 20;

    /** {@code duplicate_check_interval} when the request leaves it out (§2.2: 1 800 s). */
    public long duplicateCheckIntervalSeconds = 1800;

    /** response_code life (§2.2: 24 h, single use). */
    public long responseCodeTtlHours = 24;
    /** errcode for a used, expired or unknown response_code: not recorded by the spec (§4.4 item 13) [I]. */
    public int invalidResponseCodeErrcode = 40029;

    /** The mock playing WeCom towards the hub's callback URL (§2.3). */
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
