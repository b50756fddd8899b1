package org.aftersaleshub.masterdata.warehouse;

import java.util.List;
import java.util.Set;
import org.aftersaleshub.masterdata.ErpInstanceNames;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;

/** The one rule set of a warehouse, for the REST API and the import alike. */
final class WarehouseRules {

    static final Set<String> CHANNELS = Set.of("DINGTALK", "WECOM");
    static final int MAX_USERS = 50;

    private WarehouseRules() {
    }

    /** @param instances the ERP instances to check erpInstance against; null checks the fields only */
    static List<Violation> check(WarehouseRequest r, ErpInstanceNames instances) {
        Rules rules = new Rules();
        rules.code("code", r.code(), 32, true);
        rules.required("name", r.name(), 200);
        rules.optional("region", r.region(), 64);
        if (rules.code("erpInstance", r.erpInstance(), 64, true) && instances != null) {
            instances.check(rules, "erpInstance", r.erpInstance().strip());
        }
        rules.code("erpCode", r.erpCode(), 64, true);
        String channel = Rules.clean(r.notifyChannel());
        List<String> users = r.notifyUsers() == null ? List.of() : r.notifyUsers();
        boolean robot = rules.code("notifyRobot", r.notifyRobot(), 64, false);
        if (channel != null && !CHANNELS.contains(channel)) {
            rules.add("notifyChannel", "enum:[DINGTALK, WECOM]", "通知渠道须为 DINGTALK 或 WECOM",
                    "must be DINGTALK or WECOM");
        } else if (channel != null && !robot && users.isEmpty()) {
            rules.add("notifyChannel", "requires:notifyRobot|notifyUsers", "有通知渠道时须填通知机器人或通知人员",
                    "needs notifyRobot or notifyUsers");
        } else if (channel == null && (robot || !users.isEmpty())) {
            rules.add("notifyChannel", "required", "填了通知机器人或人员时须填通知渠道",
                    "is required when notifyRobot or notifyUsers is set");
        }
        if (users.size() > MAX_USERS) {
            rules.add("notifyUsers", "max-items:" + MAX_USERS, "通知人员最多 " + MAX_USERS + " 个",
                    "must have at most " + MAX_USERS + " entries");
        }
        for (int i = 0; i < users.size(); i++) {
            rules.code("notifyUsers[" + i + "]", users.get(i), 64, true);
        }
        return rules.violations();
    }
}
