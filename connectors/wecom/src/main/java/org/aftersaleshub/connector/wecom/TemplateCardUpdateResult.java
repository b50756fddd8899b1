package org.aftersaleshub.connector.wecom;

import java.util.List;

/**
 * What became of a template-card update (docs/vendor-apis/wecom.md §3.4, §10.2).
 *
 * @param status       UPDATED; NEEDS_NEW_CARD (no response code at hand: nothing was called, send a new card);
 *                     REJECTED (WeCom refused the code — used, older than 72 h or unknown — or the update: send a new
 *                     card)
 * @param invalidUsers userids WeCom reported in {@code invaliduser} (lower-cased)
 * @param errcode      0, or WeCom's code when REJECTED
 * @param reason       why not UPDATED, else null
 */
public record TemplateCardUpdateResult(String key, Status status, List<String> invalidUsers, int errcode,
                                       String reason) {

    public enum Status { UPDATED, NEEDS_NEW_CARD, REJECTED }

    public TemplateCardUpdateResult {
        invalidUsers = List.copyOf(invalidUsers);
    }

    /** True when the caller should send a new card instead. */
    public boolean sendNewCard() {
        return status != Status.UPDATED;
    }

    public String summary() {
        return switch (status) {
            case UPDATED -> "card update " + key + " applied" + (invalidUsers.isEmpty() ? ""
                    : "; invaliduser " + String.join("|", invalidUsers));
            case NEEDS_NEW_CARD, REJECTED -> "card update " + key + " not applied: " + reason;
        };
    }
}
