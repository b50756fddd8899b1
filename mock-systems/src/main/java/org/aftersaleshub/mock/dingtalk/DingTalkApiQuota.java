package org.aftersaleshub.mock.dingtalk;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The organisation's monthly server-API quota (docs/vendor-apis/dingtalk.md §3, §7.5, §13.4): every business call
 * of the month (China time) counts, token and contacts calls do not; beyond {@link DingTalkSettings#monthlyApiQuota}
 * the gate answers 90020 / 403 {@code ApiCountLimitForOrg}. Refused calls are not counted. State guarded by the
 * mock's lock.
 */
final class DingTalkApiQuota {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private YearMonth month;
    private long used;

    /** Whether {@code op} counts against the quota: not tokens, not the contacts reads. */
    static boolean counted(String op) {
        return !(op.equals("gettoken") || op.equals("oauth2/accessToken") || op.startsWith("topapi/v2/department/")
                || op.startsWith("topapi/v2/user/") || op.startsWith("topapi/user/"));
    }

    /** Counts one call at {@code nowMs} unless the month's {@code limit} is reached; false = refuse it. */
    boolean tryCount(long nowMs, long limit) {
        roll(nowMs);
        if (used >= limit) {
            return false;
        }
        used++;
        return true;
    }

    /** Admin: sets this month's count (to test "nearly used" and "used up" without 5 000 calls). */
    void setUsed(long nowMs, long value) {
        roll(nowMs);
        used = Math.max(0, value);
    }

    void clear() {
        month = null;
        used = 0;
    }

    /** {@code {"month":"2026-12","limit":5000,"used":12}} for the state snapshot and the admin path. */
    Map<String, Object> view(long nowMs, long limit) {
        roll(nowMs);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("month", month.toString());
        v.put("limit", limit);
        v.put("used", used);
        return v;
    }

    private void roll(long nowMs) {
        YearMonth now = YearMonth.from(Instant.ofEpochMilli(nowMs).atZone(CHINA));
        if (!now.equals(month)) {
            month = now;
            used = 0;
        }
    }
}
