package org.aftersaleshub.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * The first sheet of an xlsx, row by row, with FastExcel's streaming reader (StAX over the zip; the workbook is never
 * held whole). Cell formats are read so that a number shown as a date is a DATE and a date typed as text is not.
 */
final class XlsxRows implements RowSource {

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final List<String> header;

    XlsxRows(SpreadsheetFile file, ImportProperties props) throws IOException {
        this.workbook = new ReadableWorkbook(file.path().toFile(), new ReadingOptions(true, false));
        this.stream = workbook.getFirstSheet().openStream();
        this.rows = stream.iterator();
        RawRow first = next();
        this.header = first == null ? List.of() : first.texts().stream().map(String::trim).toList();
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public RawRow next() throws IOException {
        try {
            while (rows.hasNext()) {
                Row r = rows.next();
                List<RawRow.Cell> cells = new ArrayList<>(r.getCellCount());
                for (int i = 0; i < r.getCellCount(); i++) {
                    cells.add(cell(r.getCell(i)));
                }
                RawRow raw = new RawRow(r.getRowNum(), cells);
                if (!raw.blank()) {
                    return raw;
                }
            }
            return null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static RawRow.Cell cell(Cell c) {
        if (c == null) {
            return RawRow.Cell.EMPTY;
        }
        return switch (c.getType()) {
            case EMPTY -> RawRow.Cell.EMPTY;
            case STRING -> new RawRow.Cell(RawRow.Kind.TEXT, c.asString(), null);
            case BOOLEAN -> new RawRow.Cell(RawRow.Kind.BOOLEAN, String.valueOf(c.asBoolean()).toUpperCase(), null);
            case FORMULA -> new RawRow.Cell(RawRow.Kind.FORMULA, "=" + c.getFormula(), null);
            case ERROR -> new RawRow.Cell(RawRow.Kind.ERROR, c.getRawValue(), null);
            case NUMBER -> {
                if (DateFormats.isDate(c.getDataFormatId(), c.getDataFormatString())) {
                    var date = c.asDate().toLocalDate();
                    yield new RawRow.Cell(RawRow.Kind.DATE, date.toString(), date);
                }
                BigDecimal n = c.asNumber();
                yield new RawRow.Cell(RawRow.Kind.NUMBER, n.stripTrailingZeros().toPlainString(), n);
            }
        };
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
