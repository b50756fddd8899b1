package org.aftersaleshub.connector.dingtalk;

import java.util.List;
import java.util.Set;

/**
 * DingTalk's contacts (通讯录) as the staff sync reads them (docs/vendor-apis/dingtalk.md §12): the department tree with
 * its managers (the supervisor source) and every member, each read to the last page. A member who left is simply
 * absent (docs/vendor-apis/dingtalk.md §12.5): the sync deactivates who is no longer listed.
 */
public interface DingTalkDirectory {

    /** The root department's id (docs/vendor-apis/dingtalk.md §12.2). */
    long ROOT = 1;

    /**
     * One department.
     *
     * @param parentId      0 for the root
     * @param leaderUserIds its managers ({@code dept_manager_userid_list}), in DingTalk's order
     */
    record Department(long id, String name, long parentId, List<String> leaderUserIds) {
    }

    /**
     * One member, merged over every department that lists them.
     *
     * @param mobile        null without the mobile field permission (docs/vendor-apis/dingtalk.md §12.6)
     * @param departmentIds the departments DingTalk lists them in ({@code dept_id_list})
     * @param active        false while they have not activated DingTalk
     * @param leaderOf      the departments whose listing marks them {@code leader}
     */
    record User(String userId, String name, String mobile, String title, List<Long> departmentIds, boolean active,
                Set<Long> leaderOf) {
        public boolean isLeader() {
            return !leaderOf.isEmpty();
        }
    }

    /** Every department reachable from the root, parents before children, with their managers. */
    List<Department> departments();

    /** The direct members of one department, every page. */
    List<User> usersOf(long departmentId);

    /** Every member of every department, each once (first-seen order). */
    List<User> users();
}
