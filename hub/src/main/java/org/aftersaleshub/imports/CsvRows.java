package org.aftersaleshub.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file (RFC 4180, as Excel saves it) row by row with Commons CSV, in the charset the inspector found. Every
 * cell is TEXT; the row number is the record number, so a quoted cell spanning lines still counts as one row.
 */
final class CsvRows implements RowSource {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final int maxCellChars;

    CsvRows(SpreadsheetFile file, ImportProperties props) throws IOException {
        this.maxCellChars = props.maxCellChars();
        this.parser = open(file.path(), file.charset());
        this.records = parser.iterator();
        RawRow first = next();
        this.header = first == null ? List.of() : first.texts().stream().map(String::trim).toList();
    }

    /** Counts the data rows, refusing a cell over max-cell-chars, too many rows, no data rows and broken quoting. */
    static int inspect(java.nio.file.Path path, Charset charset, ImportProperties props) throws IOException {
        int rows = 0;
        try (CsvRows csv = new CsvRows(new SpreadsheetFile(path, SpreadsheetFile.Kind.CSV, null, charset, 0), props)) {
            if (csv.header().isEmpty()) {
                return XlsxGuard.noRows(0);
            }
            while (csv.next() != null) {
                rows++;
                if (rows > props.maxRows()) {
                    throw XlsxGuard.tooManyRows(props.maxRows());
                }
            }
        }
        return XlsxGuard.noRows(rows + 1);
    }

    private static CSVParser open(java.nio.file.Path path, Charset charset) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 64 * 1024);
        if (charset.equals(StandardCharsets.UTF_8)) {
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
                in.reset();
            }
        }
        return CSVParser.builder().setReader(new InputStreamReader(in, charset)).setFormat(FORMAT).get();
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public RawRow next() throws IOException {
        try {
            while (records.hasNext()) {
                CSVRecord r = records.next();
                List<RawRow.Cell> cells = new ArrayList<>(r.size());
                for (int i = 0; i < r.size(); i++) {
                    String v = r.get(i);
                    if (v.length() > maxCellChars) {
                        String col = ImportEngine.columnLetter(i);
                        throw FileRefusal.content("cell:" + col + r.getRecordNumber(), "max-length:" + maxCellChars,
                                "单元格 " + col + r.getRecordNumber() + " 有 " + v.length() + " 个字符，超过 "
                                        + maxCellChars + "。请缩短后再导入。",
                                "Cell " + col + r.getRecordNumber() + " holds " + v.length()
                                        + " characters, more than " + maxCellChars + "; shorten it and import again.");
                    }
                    cells.add(v.isEmpty() ? RawRow.Cell.EMPTY : new RawRow.Cell(RawRow.Kind.TEXT, v, null));
                }
                RawRow raw = new RawRow((int) r.getRecordNumber(), cells);
                if (!raw.blank()) {
                    return raw;
                }
            }
            return null;
        } catch (UncheckedIOException e) {
            throw FileRefusal.content("file", "csv-syntax",
                    "CSV 格式错误（" + parser.getCurrentLineNumber() + " 行附近，多半是引号未闭合）。请在 Excel 中另存为 CSV。",
                    "The CSV is malformed near line " + parser.getCurrentLineNumber()
                            + " (most often an unclosed quote); save it again as CSV from Excel.");
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
