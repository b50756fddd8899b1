package org.aftersaleshub.masterdata.device;

import java.util.List;
import java.util.function.Predicate;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;

/** The one rule set of a device, for the REST API and the import alike. */
final class DeviceRules {

    private DeviceRules() {
    }

    /** @param customerKnown whether a customer id exists (in the table, or for an import earlier in the file) */
    static List<Violation> check(DeviceRequest r, Predicate<String> customerKnown) {
        Rules rules = new Rules();
        rules.code("serial", r.serial(), 64, true);
        rules.required("model", r.model(), 64);
        rules.optional("productLine", r.productLine(), 64);
        if (rules.code("customerId", r.customerId(), 64, true) && !customerKnown.test(r.customerId().strip())) {
            rules.add("customerId", "unknown-reference:customers", "客户编号不存在：先建客户，或在同一文件的客户中列出",
                    "is not the id of a customer; create the customer first");
        }
        if (r.purchaseDate() != null && r.warrantyEnd() != null && r.warrantyEnd().isBefore(r.purchaseDate())) {
            rules.add("warrantyEnd", "not-before:purchaseDate", "保修截止不能早于购买日期",
                    "must not be before purchaseDate");
        }
        return rules.violations();
    }
}
