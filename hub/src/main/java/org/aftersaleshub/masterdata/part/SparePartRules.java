package org.aftersaleshub.masterdata.part;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.masterdata.ErpInstanceNames;
import org.aftersaleshub.masterdata.Rules;
import org.aftersaleshub.masterdata.Violation;

/** The one rule set of a spare part, for the REST API and the import alike. */
final class SparePartRules {

    private SparePartRules() {
    }

    /** @param instances the ERP instances to check the codes' instances against; null checks the fields only */
    static List<Violation> check(SparePartRequest r, ErpInstanceNames instances) {
        Rules rules = new Rules();
        rules.code("sku", r.sku(), 64, true);
        rules.required("name", r.name(), 200);
        rules.optional("spec", r.spec(), 200);
        rules.required("unit", r.unit(), 16);
        if (r.safetyStock() != null && r.safetyStock().compareTo(BigDecimal.ZERO) < 0) {
            rules.add("safetyStock", "min:0", "安全库存不能为负数", "must be at least 0");
        }
        Map<String, String> codes = r.erpCodes() == null ? Map.of() : r.erpCodes();
        codes.forEach((instance, code) -> {
            String at = "erpCodes." + instance;
            if (instances != null) {
                instances.check(rules, at, instance);
            }
            rules.code(at, code, 64, true);
        });
        return rules.violations();
    }
}
