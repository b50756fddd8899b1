package org.aftersaleshub.connector.dingtalk;

import java.util.List;

/**
 * What became of a work notice, per recipient, from {@code getsendresult} (docs/vendor-apis/dingtalk.md §4.3):
 * {@code asyncsend_v2} answers success even for recipients who will get nothing, so the outcome per person is only
 * known after reconciling.
 *
 * @param taskId     DingTalk's task id
 * @param recipients one outcome per requested recipient, in request order
 */
public record WorkNoticeResult(long taskId, List<Recipient> recipients) {

    /** What happened for one person. */
    public enum Status {
        /** Delivered (read or unread). */
        DELIVERED,
        /** The same content reached them earlier today (143106): the notice is there once. */
        ALREADY_DELIVERED,
        /** No such user in the organisation. */
        INVALID_USER,
        /** Refused by a platform limit ({@code forbidden_list} code: 143103 per minute, 143105 daily cap, ...). */
        FORBIDDEN,
        /** DingTalk reports it failed. */
        FAILED,
        /** Not yet in any list of the send result (DingTalk still sending). */
        PENDING
    }

    /**
     * @param code the forbidden_list code when FORBIDDEN or ALREADY_DELIVERED, else null
     */
    public record Recipient(String userId, Status status, String code) {
        /** True when the person has (or will have) the notice. */
        public boolean reached() {
            return status == Status.DELIVERED || status == Status.ALREADY_DELIVERED || status == Status.PENDING;
        }
    }

    /** Recipients who will not get the notice, for the timeline. */
    public List<Recipient> notReached() {
        return recipients.stream().filter(r -> !r.reached()).toList();
    }

    public boolean anyReached() {
        return recipients.stream().anyMatch(Recipient::reached);
    }
}
