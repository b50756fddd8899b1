package org.aftersaleshub.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A staff member who can be assigned or notified.
 *
 * @param skills           skill tags matched by dispatch rules
 * @param dingtalkUserId   the DingTalk userid, when reachable there
 * @param wecomUserId      the WeCom userid, when reachable there
 * @param preferredChannel where notifications go first
 * @param supervisorId     who escalations go to
 */
public record Staff(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 64) String name,
                    @Size(max = 64) String region, List<String> skills, @Size(max = 64) String dingtalkUserId,
                    @Size(max = 64) String wecomUserId, NotifyChannel preferredChannel,
                    @Size(max = 64) String supervisorId) {

    public Staff {
        skills = skills == null ? List.of() : List.copyOf(skills);
    }
}
