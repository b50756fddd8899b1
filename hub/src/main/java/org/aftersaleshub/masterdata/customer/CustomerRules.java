package org.aftersaleshub.masterdata.customer;

import java.util.Arrays;
import java.util.List;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;

/** The one rule set of a customer, for the REST API and the import alike. */
final class CustomerRules {

    static final int MAX_CONTACTS = 20;
    static final String TIER_RULE = "enum:" + Arrays.toString(CustomerTier.values());

    private CustomerRules() {
    }

    static List<Violation> check(CustomerRequest r) {
        Rules rules = new Rules();
        rules.code("id", r.id(), 64, true);
        rules.required("name", r.name(), 200);
        rules.phone("phone", r.phone());
        rules.optional("region", r.region(), 64);
        if (r.tier() != null && !r.tier().isBlank() && CustomerTier.parse(r.tier()).isEmpty()) {
            rules.add("tier", TIER_RULE, "客户等级须为 VIP、重点 或 普通", "must be VIP, KEY (重点) or STANDARD (普通)");
        }
        rules.optional("address", r.address(), 500);
        rules.code("crmId", r.crmId(), 64, false);
        rules.code("erpCustomerCode", r.erpCustomerCode(), 64, false);
        List<CustomerContact> contacts = r.contacts() == null ? List.of() : r.contacts();
        if (contacts.size() > MAX_CONTACTS) {
            rules.add("contacts", "max-items:" + MAX_CONTACTS, "联系人最多 " + MAX_CONTACTS + " 个",
                    "must have at most " + MAX_CONTACTS + " entries");
        }
        for (int i = 0; i < contacts.size(); i++) {
            CustomerContact c = contacts.get(i);
            String at = "contacts[" + i + "].";
            if (c == null) {
                rules.add("contacts[" + i + "]", "required", "联系人不能为空", "must not be null");
                continue;
            }
            rules.required(at + "name", c.name(), 64);
            rules.phone(at + "phone", c.phone());
            rules.optional(at + "title", c.title(), 64);
        }
        return rules.violations();
    }
}
