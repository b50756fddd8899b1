package org.aftersaleshub.connector.dingtalk;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code createAndDeliver} did, per space (docs/vendor-apis/dingtalk.md §7.2): DingTalk answers success for the
 * call and reports each space on its own.
 *
 * @param outTrackId the card's identity (clicks and updates name it)
 * @param spaces     one result per space the card went to
 */
public record CardResult(String outTrackId, List<Space> spaces) {

    /** One space: {@code IM_ROBOT} + userid, or {@code IM_GROUP} + open conversation id. */
    public record Space(String spaceType, String spaceId, boolean success, String carrierId, String errorMsg) {
    }

    public CardResult {
        spaces = List.copyOf(spaces);
    }

    /** True when the card reached at least one space. */
    public boolean delivered() {
        return spaces.stream().anyMatch(Space::success);
    }

    /** One line for the journal. */
    public String summary() {
        String failed = spaces.stream().filter(s -> !s.success())
                .map(s -> s.spaceType() + "." + s.spaceId() + " (" + s.errorMsg() + ")")
                .collect(Collectors.joining(", "));
        return "card " + outTrackId + (delivered() ? " delivered" : " reached no space")
                + (failed.isEmpty() ? "" : "; failed: " + failed);
    }
}
