package org.aftersaleshub.connector.dingtalk;

/**
 * What became of a card update (docs/vendor-apis/dingtalk.md §7.4).
 *
 * @param status UPDATED; CARD_NOT_FOUND ({@code param.cardNotExist}: deliver a card first); REFUSED (the content,
 *               e.g. {@code param.contentUnsafe})
 * @param code   DingTalk's code when not UPDATED, else null
 * @param reason DingTalk's message when not UPDATED, else null
 */
public record CardUpdateResult(String outTrackId, Status status, String code, String reason) {

    public enum Status { UPDATED, CARD_NOT_FOUND, REFUSED }

    public String summary() {
        return status == Status.UPDATED ? "card " + outTrackId + " updated"
                : "card " + outTrackId + " not updated: " + code + " " + reason;
    }
}
