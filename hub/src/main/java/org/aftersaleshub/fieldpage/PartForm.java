package org.aftersaleshub.fieldpage;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * The 备件 form as the phone sent it, checked field by field with the API's rules for a part usage (1..64, 1..32,
 * greater than 0 with at most 12 + 6 digits, a unit of 1..16) and Chinese messages. {@code formId} is made when
 * the page is rendered and becomes the part usage's id: sending the same form twice books once.
 */
record PartForm(String formId, String sku, String warehouse, BigDecimal quantity, String unit) {

    static final Pattern FORM_ID = Pattern.compile("FP-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** @throws FormRefused naming each field that breaks its rule */
    static PartForm of(MultiValueMap<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String formId = value(form, "formId");
        if (!FORM_ID.matcher(formId).matches()) {
            errors.put("form", "表单已失效，请刷新页面后重新填写");
        }
        String sku = value(form, "sku");
        if (sku.isEmpty()) {
            errors.put("sku", "请填写备件编码");
        } else if (sku.length() > 64) {
            errors.put("sku", "备件编码最多 64 个字符");
        }
        String warehouse = value(form, "warehouse");
        if (warehouse.isEmpty()) {
            errors.put("warehouse", "请填写仓库编码");
        } else if (warehouse.length() > 32) {
            errors.put("warehouse", "仓库编码最多 32 个字符");
        }
        BigDecimal quantity = null;
        String q = value(form, "quantity");
        try {
            quantity = q.isEmpty() ? null : new BigDecimal(q);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (quantity == null || quantity.signum() <= 0) {
            errors.put("quantity", "请填写大于 0 的数量");
        } else if (quantity.precision() - quantity.scale() > 12 || quantity.scale() > 6) {
            errors.put("quantity", "数量最多 12 位整数、6 位小数");
        }
        String unit = value(form, "unit");
        unit = unit.isEmpty() ? "个" : unit;
        if (unit.length() > 16) {
            errors.put("unit", "单位最多 16 个字符");
        }
        if (!errors.isEmpty()) {
            throw new FormRefused(HttpStatus.BAD_REQUEST, errors);
        }
        return new PartForm(formId, sku, warehouse, quantity, unit);
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String v = form == null ? null : form.getFirst(name);
        return v == null ? "" : v.strip();
    }
}
