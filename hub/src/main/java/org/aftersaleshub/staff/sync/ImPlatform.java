package org.aftersaleshub.staff.sync;

import java.util.Locale;
import org.aftersaleshub.staff.PreferredChannel;
import org.aftersaleshub.staff.Staff;
import org.aftersaleshub.staff.StaffSource;

/** The IM platforms the sync reads, with what each means on a staff record. */
public enum ImPlatform {

    /** 钉钉: userIds are compared exactly. */
    DINGTALK(StaffSource.DINGTALK_SYNC, PreferredChannel.DINGTALK, false),
    /** 企业微信: UserIDs are case-insensitive (docs/vendor-apis/wecom.md §9.3). */
    WECOM(StaffSource.WECOM_SYNC, PreferredChannel.WECOM, true);

    private final StaffSource source;
    private final PreferredChannel channel;
    private final boolean caseInsensitiveIds;

    ImPlatform(StaffSource source, PreferredChannel channel, boolean caseInsensitiveIds) {
        this.source = source;
        this.channel = channel;
        this.caseInsensitiveIds = caseInsensitiveIds;
    }

    /** The {@code source} of records this platform's sync creates. */
    public StaffSource source() {
        return source;
    }

    /** The preferred channel a record created from this platform gets. */
    public PreferredChannel channel() {
        return channel;
    }

    /** This platform's user id on a record, or null. */
    public String idOf(Staff s) {
        return this == DINGTALK ? s.dingTalkUserId() : s.weComUserId();
    }

    /** A user id as compared: lower-cased where the platform ignores case. */
    public String key(String userId) {
        return userId == null ? null : caseInsensitiveIds ? userId.toLowerCase(Locale.ROOT) : userId;
    }
}
