package org.aftersaleshub.masterdata.customer;

import java.util.List;
import org.aftersaleshub.imports.ImportColumn;
import org.aftersaleshub.imports.ImportColumn.Type;
import org.aftersaleshub.imports.ImportOptions;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.masterdata.Violation;
import org.aftersaleshub.masterdata.WriteOutcome;
import org.springframework.stereotype.Component;

/**
 * Customers from a spreadsheet, by 客户编号: each row becomes a {@link CustomerRequest} judged by the API's rules. A
 * row names at most one contact (联系人 / 联系人电话); a row without one keeps the contacts the customer has.
 */
@Component
public class CustomerImportTarget implements ImportTarget {

    static final String ACTOR = "import";

    private static final List<ImportColumn> COLUMNS = List.of(
            new ImportColumn("id", "客户编号", Type.TEXT, true, 64, "客户的唯一编号，如 C-1001", "the customer's id, e.g. C-1001"),
            new ImportColumn("name", "客户名称", Type.TEXT, true, 200, "公司或个人名称", "company or person name"),
            new ImportColumn("phone", "电话", Type.TEXT, false, 32, "手机号或带区号座机，如 021-12345678",
                    "mobile or landline with area code"),
            new ImportColumn("region", "区域", Type.TEXT, false, 64, "服务区域，如 华东", "service region, e.g. 华东"),
            new ImportColumn("tier", "客户等级", Type.TEXT, false, 16, "VIP、重点 或 普通", "VIP, KEY (重点) or STANDARD (普通)"),
            new ImportColumn("address", "地址", Type.TEXT, false, 500, "地址", "address"),
            new ImportColumn("crmId", "CRM编号", Type.TEXT, false, 64, "客户在 CRM 中的编号", "the record's id in the CRM"),
            new ImportColumn("erpCustomerCode", "ERP客户编码", Type.TEXT, false, 64, "客户在 ERP 中的编码",
                    "the customer's code in the ERP"),
            new ImportColumn("contactName", "联系人", Type.TEXT, false, 64, "联系人姓名", "contact person's name"),
            new ImportColumn("contactPhone", "联系人电话", Type.TEXT, false, 32, "联系人手机号或座机",
                    "contact person's phone"));

    private final CustomerService service;

    CustomerImportTarget(CustomerService service) {
        this.service = service;
    }

    @Override
    public String entity() {
        return "customers";
    }

    @Override
    public String label() {
        return "客户";
    }

    @Override
    public List<ImportColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("id");
    }

    @Override
    public List<RowProblem> check(ImportRow row, EarlierRows earlierKeys) {
        return Violation.rows(service.check(request(row)).stream().map(CustomerImportTarget::toColumn).toList());
    }

    @Override
    public WriteCounts write(List<ImportRow> rows) {
        return write(rows, ImportOptions.DEFAULTS);
    }

    @Override
    public boolean announcesToCrm() {
        return true;
    }

    @Override
    public WriteCounts write(List<ImportRow> rows, ImportOptions options) {
        return WriteOutcome.count(rows, row -> service.upsert(request(row), "import", true, options.crmPush(),
                ACTOR));
    }

    static CustomerRequest request(ImportRow row) {
        String contactName = row.text("contactName");
        String contactPhone = row.text("contactPhone");
        List<CustomerContact> contacts = contactName == null && contactPhone == null ? List.of()
                : List.of(new CustomerContact(contactName, contactPhone, null));
        return new CustomerRequest(row.text("id"), row.text("name"), row.text("phone"), row.text("region"),
                row.text("tier"), row.text("address"), row.text("crmId"), row.text("erpCustomerCode"), contacts, null);
    }

    /** The API names the contact's fields contacts[0].name / .phone; the template's columns are flat. */
    private static Violation toColumn(Violation v) {
        String column = switch (v.field()) {
            case "contacts[0].name" -> "contactName";
            case "contacts[0].phone" -> "contactPhone";
            default -> v.field();
        };
        return new Violation(column, v.rule(), v.hintZh(), v.hintEn());
    }
}
