package org.aftersaleshub.connector.wecom;

import java.util.List;
import java.util.Optional;

/**
 * A member as {@code user/get} and {@code user/list} return it (docs/vendor-apis/wecom.md §9.3).
 *
 * @param userId         the UserID (case-insensitive at WeCom, kept as WeCom spells it)
 * @param mobile         empty unless the app may see it: apps created since 2022-06-20 get no mobile
 *                       (docs/vendor-apis/wecom.md §9.4)
 * @param position       job title (职务), may be empty
 * @param departments    the member's departments
 * @param leaderOf       the departments among {@code departments} the member leads ({@code is_leader_in_dept} = 1)
 * @param mainDepartment {@code main_department}, 0 when not given
 */
public record WeComMember(String userId, String name, Optional<String> mobile, String position,
                          List<Long> departments, List<Long> leaderOf, long mainDepartment, Status status) {

    public WeComMember {
        departments = List.copyOf(departments);
        leaderOf = List.copyOf(leaderOf);
    }

    /** {@code status} (docs/vendor-apis/wecom.md §9.3): 1 active, 2 disabled, 4 not activated, 5 quit. */
    public enum Status {
        ACTIVE, DISABLED, NOT_ACTIVATED, QUIT, UNKNOWN;

        static Status of(int code) {
            return switch (code) {
                case 1 -> ACTIVE;
                case 2 -> DISABLED;
                case 4 -> NOT_ACTIVATED;
                case 5 -> QUIT;
                default -> UNKNOWN;
            };
        }
    }
}
