package org.aftersaleshub.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a raw row's cells to their columns' types (TEXT → String, DECIMAL → BigDecimal, INTEGER → Long, DATE →
 * LocalDate), collecting one {@link RowProblem} per bad cell. A DATE in xlsx must be a date cell (Excel's date, not
 * text that looks like one: text dates are read differently on every PC's locale); in CSV it is {@code yyyy-MM-dd}.
 */
final class RowConverter {

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** The converted row, and the problems of its cells (the row is refused when there are any). */
    record Converted(ImportRow row, List<RowProblem> problems) {
    }

    private final HeaderMap headers;
    private final boolean csv;

    RowConverter(HeaderMap headers, boolean csv) {
        this.headers = headers;
        this.csv = csv;
    }

    Converted convert(RawRow raw) {
        Map<String, Object> values = new HashMap<>();
        List<RowProblem> problems = new ArrayList<>(0);
        List<ImportColumn> columns = headers.columns();
        for (int c = 0; c < columns.size(); c++) {
            ImportColumn col = columns.get(c);
            RawRow.Cell cell = headers.cell(raw, c);
            if (cell.blank()) {
                if (col.required()) {
                    problems.add(new RowProblem(col.name(), "required", "必填，不能为空。" + col.hintZh(),
                            "is required. " + col.hintEn()));
                }
                continue;
            }
            if (cell.kind() == RawRow.Kind.FORMULA || cell.kind() == RawRow.Kind.ERROR) {
                problems.add(new RowProblem(col.name(), cell.kind() == RawRow.Kind.FORMULA ? "formula-cell"
                        : "error-cell", "单元格是公式或错误值，请填写数值。", "holds a formula or an error value; enter the "
                        + "value itself."));
                continue;
            }
            Object value = switch (col.type()) {
                case TEXT -> text(col, cell, problems);
                case DECIMAL -> decimal(col, cell, problems);
                case INTEGER -> integer(col, cell, problems);
                case DATE -> date(col, cell, problems);
            };
            if (value != null) {
                values.put(col.name(), value);
            }
        }
        return new Converted(new ImportRow(raw.number(), values), problems);
    }

    private static String text(ImportColumn col, RawRow.Cell cell, List<RowProblem> problems) {
        String v = cell.text().strip();
        if (v.length() > col.maxLength()) {
            problems.add(new RowProblem(col.name(), "max-length:" + col.maxLength(),
                    "最多 " + col.maxLength() + " 个字符，现有 " + v.length() + " 个。",
                    "must be at most " + col.maxLength() + " characters, has " + v.length() + "."));
            return null;
        }
        return v;
    }

    private static BigDecimal decimal(ImportColumn col, RawRow.Cell cell, List<RowProblem> problems) {
        if (cell.value() instanceof BigDecimal n) {
            return n;
        }
        try {
            return new BigDecimal(cell.text().strip());
        } catch (NumberFormatException e) {
            problems.add(new RowProblem(col.name(), "type:decimal", "应为数字，如 12.5。" + col.hintZh(),
                    "must be a number, e.g. 12.5. " + col.hintEn()));
            return null;
        }
    }

    private static Long integer(ImportColumn col, RawRow.Cell cell, List<RowProblem> problems) {
        try {
            BigDecimal n = cell.value() instanceof BigDecimal d ? d : new BigDecimal(cell.text().strip());
            return n.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(new RowProblem(col.name(), "type:integer", "应为整数，如 10。" + col.hintZh(),
                    "must be a whole number, e.g. 10. " + col.hintEn()));
            return null;
        }
    }

    private LocalDate date(ImportColumn col, RawRow.Cell cell, List<RowProblem> problems) {
        if (cell.value() instanceof LocalDate d) {
            return d;
        }
        if (!csv) {
            problems.add(new RowProblem(col.name(), cell.kind() == RawRow.Kind.TEXT ? "date-cell" : "type:date",
                    "应为日期单元格（当前是" + (cell.kind() == RawRow.Kind.TEXT ? "文本" : "数字") + "“" + cell.text()
                            + "”）。请把单元格格式设为“日期”并重新输入，如 2025-03-31。",
                    "must be a date cell (it is " + (cell.kind() == RawRow.Kind.TEXT ? "text" : "a number") + " '"
                            + cell.text() + "'); format the cell as Date in Excel and enter it again, e.g. 2025-03-31."));
            return null;
        }
        try {
            return LocalDate.parse(cell.text().strip(), ISO_DATE);
        } catch (DateTimeParseException e) {
            problems.add(new RowProblem(col.name(), "type:date", "应为日期，格式 yyyy-MM-dd，如 2025-03-31。",
                    "must be a date as yyyy-MM-dd, e.g. 2025-03-31."));
            return null;
        }
    }
}
