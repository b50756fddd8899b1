package org.aftersaleshub.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One console table written as a download, row by row: CSV (UTF-8 with the byte order mark, so Excel reads Chinese;
 * Apache Commons CSV quoting) or xlsx (fastexcel, streamed). At most {@link #ROW_CAP} rows; the response says the cap,
 * the rows written and whether the table was cut ({@code X-Export-Row-Cap}, {@code X-Export-Rows},
 * {@code X-Export-Truncated}), and a cut file ends with a row that says so. Every text cell that a spreadsheet would
 * take for a formula ({@code = + - @}, tab, carriage return first) is prefixed with {@code '}: tickets and errors
 * carry what customers and external systems typed.
 */
final class TableExport implements Closeable {

    /** Most rows one export writes. */
    static final int ROW_CAP = 100_000;

    enum Format {
        CSV("text/csv;charset=UTF-8"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format of(String extension) {
            return "xlsx".equals(extension) ? XLSX : CSV;
        }
    }

    private final Format format;
    private final int columns;
    private final long total;
    private CSVPrinter csv;
    private Workbook workbook;
    private Worksheet sheet;
    private int rows;

    /**
     * Sets the headers and writes the column names.
     *
     * @param name  file name without extension (ASCII) and sheet name
     * @param total rows the table has; more than {@link #ROW_CAP} are cut
     */
    TableExport(HttpServletResponse response, Format format, String name, long total, List<String> columns)
            throws IOException {
        this.format = format;
        this.columns = columns.size();
        this.total = total;
        response.setContentType(format.contentType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "."
                + format.name().toLowerCase() + "\"");
        response.setHeader("X-Export-Row-Cap", String.valueOf(ROW_CAP));
        response.setHeader("X-Export-Rows", String.valueOf(Math.min(total, ROW_CAP)));
        response.setHeader("X-Export-Truncated", String.valueOf(total > ROW_CAP));
        OutputStream out = response.getOutputStream();
        if (format == Format.CSV) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\uFEFF');
            csv = new CSVPrinter(w, CSVFormat.EXCEL);
        } else {
            workbook = new Workbook(out, "aftersales-hub", "1.0");
            sheet = workbook.newWorksheet(name);
        }
        write(new ArrayList<>(columns));
    }

    /** Whether another row fits under the cap; callers stop reading when it says no. */
    boolean full() {
        return rows >= ROW_CAP;
    }

    /** Text, numbers, or null (an empty cell); numbers stay numbers. */
    void row(Object... values) throws IOException {
        if (full()) {
            return;
        }
        rows++;
        write(java.util.Arrays.stream(values).map(v -> v == null ? "" : v).toList());
    }

    @Override
    public void close() throws IOException {
        if (total > ROW_CAP) {
            List<Object> note = new ArrayList<>();
            note.add("已截断 (truncated): 仅导出前 " + ROW_CAP + " 行，共 " + total + " 行 — narrow the filters");
            while (note.size() < columns) {
                note.add("");
            }
            rows++;
            write(note);
        }
        if (csv != null) {
            csv.close(true);
        } else {
            workbook.finish();
        }
    }

    private void write(List<Object> values) throws IOException {
        if (csv != null) {
            List<Object> cells = new ArrayList<>(values.size());
            for (Object v : values) {
                cells.add(v instanceof Number ? v : defuse(v.toString()));
            }
            csv.printRecord(cells);
            return;
        }
        int r = rows; // the header is row 0, data row n is row n
        for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v instanceof Number n) {
                sheet.value(r, c, n);
            } else {
                sheet.value(r, c, defuse(v.toString()));
            }
        }
        if (r % 1000 == 0) {
            sheet.flush(); // rows so far go to the response instead of piling up in memory
        }
    }

    /** A spreadsheet runs a cell starting with = + - @ (and tab or CR before them) as a formula: make it text. */
    static String defuse(String v) {
        return !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }
}
