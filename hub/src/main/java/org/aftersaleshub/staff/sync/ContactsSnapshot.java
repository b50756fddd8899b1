package org.aftersaleshub.staff.sync;

import java.util.List;
import java.util.Set;

/**
 * One platform's contacts as read at one moment, in one shape for DingTalk and WeCom.
 *
 * @param departments every department the app sees, parents before children where the platform says so
 * @param members     every member the app sees, each once
 */
public record ContactsSnapshot(List<Department> departments, List<Member> members) {

    public ContactsSnapshot {
        departments = List.copyOf(departments);
        members = List.copyOf(members);
    }

    /**
     * A department.
     *
     * @param parentId 0 for the root
     * @param leaders  the user ids of its leaders (部门负责人 / 主管), in the platform's order
     */
    public record Department(long id, String name, long parentId, List<String> leaders) {
        public Department {
            leaders = List.copyOf(leaders);
        }
    }

    /**
     * A member.
     *
     * @param mobile         null when the platform does not give it to this app
     * @param title          job title (职务), may be empty
     * @param departments    the member's departments
     * @param mainDepartment the department that decides team and supervisor (WeCom's main_department, else the
     *                       first listed)
     * @param leaderOf       the departments the member leads, as the member listing says
     * @param employed       false when the platform still lists the member but they left or are disabled
     *                       (WeCom status 2 or 5)
     */
    public record Member(String userId, String name, String mobile, String title, List<Long> departments,
                         long mainDepartment, Set<Long> leaderOf, boolean employed) {
        public Member {
            departments = List.copyOf(departments);
            leaderOf = Set.copyOf(leaderOf);
        }
    }
}
