package org.aftersaleshub.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

/**
 * The spreadsheets the import hands out, written as streams with FastExcel: the templates (模板; headers only, so
 * nothing in them is read back as data, and a second sheet 说明 with each column's type, whether it is required and a
 * hint) and a job's error report (错误报告: each refused row with its cells as the file had them and the reasons).
 */
@Component
class ImportSheets {

    private static final TypeReference<List<String>> CELLS = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, String>>> PROBLEMS = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final ImportJobStore store;

    ImportSheets(ObjectMapper json, ImportJobStore store) {
        this.json = json;
        this.store = store;
    }

    void templateXlsx(ImportTarget target, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "aftersales-hub", "1.0");
        Worksheet data = wb.newWorksheet(target.label());
        List<ImportColumn> cols = target.columns();
        for (int c = 0; c < cols.size(); c++) {
            data.value(0, c, cols.get(c).zh());
            data.style(0, c).bold().fillColor("DDEBF7").set();
            data.width(c, Math.max(12, cols.get(c).zh().length() * 2.5));
            if (cols.get(c).type() == ImportColumn.Type.DATE) {
                // a date typed into this column becomes a date cell, which is what the import reads
                data.style(c).format("yyyy-mm-dd").set();
            }
        }
        Worksheet help = wb.newWorksheet("说明");
        String[] head = {"列 (Chinese header)", "字段 (English name)", "类型 (type)", "必填 (required)", "说明",
                "Hint"};
        for (int c = 0; c < head.length; c++) {
            help.value(0, c, head[c]);
            help.style(0, c).bold().set();
        }
        for (int r = 0; r < cols.size(); r++) {
            ImportColumn col = cols.get(r);
            help.value(r + 1, 0, col.zh());
            help.value(r + 1, 1, col.name());
            help.value(r + 1, 2, typeZh(col));
            help.value(r + 1, 3, col.required() ? "是 yes" : "否 no");
            help.value(r + 1, 4, col.hintZh());
            help.value(r + 1, 5, col.hintEn());
        }
        int r = cols.size() + 2;
        help.value(r++, 0, "只读取第一个工作表“" + target.label() + "”；第一行是表头（中文或英文列名均可，顺序不限），从第二行起每行一条数据。");
        help.value(r++, 0, "Only the first sheet is read; row 1 is the header (Chinese or English names, any order), "
                + "one record per row below it.");
        help.value(r++, 0, "按“" + String.join("、", target.keyColumns().stream().map(k -> zhOf(cols, k)).toList())
                + "”更新已有数据；同一文件中不可重复。不可使用公式、合并单元格；日期列须为日期格式的单元格。");
        help.value(r, 0, "Rows are matched by " + String.join(" + ", target.keyColumns()) + " (existing ones updated); "
                + "a key only once per file. No formulas, no merged cells; dates must be date cells.");
        help.width(0, 22);
        help.width(1, 18);
        help.width(4, 40);
        help.width(5, 40);
        wb.finish();
    }

    void templateCsv(ImportTarget target, OutputStream out) throws IOException {
        // UTF-8 with BOM: Excel opens it with the Chinese headers intact (without the BOM it guesses the PC's charset)
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180);
        csv.printRecord(target.columns().stream().map(ImportColumn::zh).toList());
        csv.flush();
    }

    /** The refused rows of a job: 行号, the template's columns as the file had them, then the reasons. */
    void errorReport(ImportJob job, ImportTarget target, OutputStream out) throws IOException {
        Workbook wb = new Workbook(out, "aftersales-hub", "1.0");
        Worksheet ws = wb.newWorksheet("错误 errors");
        List<ImportColumn> cols = target.columns();
        List<String> head = new ArrayList<>();
        head.add("行号 Row");
        cols.forEach(c -> head.add(c.zh()));
        head.addAll(List.of("错误原因", "Reason", "规则 Rule", "列 Column"));
        for (int c = 0; c < head.size(); c++) {
            ws.value(0, c, head.get(c));
            ws.style(0, c).bold().fillColor("FCE4D6").set();
        }
        int[] row = {1};
        try {
            store.rows(job.id(), stored -> {
                try {
                    List<String> cells = json.readValue(stored.cellsJson(), CELLS);
                    List<Map<String, String>> problems = json.readValue(stored.problemsJson(), PROBLEMS);
                    int r = row[0]++;
                    ws.value(r, 0, stored.rowNumber());
                    for (int c = 0; c < cells.size(); c++) {
                        ws.value(r, c + 1, cells.get(c));
                    }
                    int base = cols.size() + 1;
                    ws.value(r, base, join(problems, p -> label(p.get("columnZh"), p.get("column")) + "：" + p.get(
                            "hintZh")));
                    ws.value(r, base + 1, join(problems, p -> label(p.get("column"), null) + ": " + p.get("hintEn")));
                    ws.value(r, base + 2, join(problems, p -> p.get("rule")));
                    ws.value(r, base + 3, join(problems, p -> p.get("columnZh") == null ? "(行)" : p.get("columnZh")
                            + " (" + p.get("column") + ")"));
                    if (r % 1000 == 0) {
                        ws.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (job.rejected() > row[0] - 1) {
            ws.value(row[0], 0, "仅列出前 " + (row[0] - 1) + " 行错误，共 " + job.rejected() + " 行 (first " + (row[0] - 1)
                    + " of " + job.rejected() + " refused rows)");
        }
        wb.finish();
    }

    private static String join(List<Map<String, String>> problems, java.util.function.Function<Map<String, String>,
            String> f) {
        return String.join("; ", problems.stream().map(f).toList());
    }

    private static String label(String name, String alt) {
        return name == null ? (alt == null ? "整行" : alt) : name;
    }

    private static String zhOf(List<ImportColumn> cols, String name) {
        return cols.stream().filter(c -> c.name().equals(name)).map(ImportColumn::zh).findFirst().orElse(name);
    }

    private static String typeZh(ImportColumn col) {
        return switch (col.type()) {
            case TEXT -> "文本 TEXT (≤" + col.maxLength() + ")";
            case DECIMAL -> "数字 DECIMAL";
            case INTEGER -> "整数 INTEGER";
            case DATE -> "日期 DATE (xlsx: 日期单元格; CSV: yyyy-MM-dd)";
        };
    }
}
