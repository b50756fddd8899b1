package org.aftersaleshub.connector.wecom;

import java.util.List;

/**
 * A department as {@code department/list} returns it (docs/vendor-apis/wecom.md §9.2).
 *
 * @param parentId 0 for the root (the root department is 1)
 * @param leaders  UserIDs of its leaders (部门负责人, {@code department_leader}) — the hub's supervisor source
 */
public record WeComDepartment(long id, String name, long parentId, long order, List<String> leaders) {

    public WeComDepartment {
        leaders = List.copyOf(leaders);
    }
}
