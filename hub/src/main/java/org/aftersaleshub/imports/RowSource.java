package org.aftersaleshub.imports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The rows of an inspected file, streamed: the header first, then data rows one at a time. */
interface RowSource extends Closeable {

    /** The header row's texts (row 1 of the data sheet), trimmed. */
    List<String> header();

    /** The next non-blank data row, or null at the end. */
    RawRow next() throws IOException;

    static RowSource open(SpreadsheetFile file, ImportProperties props) throws IOException {
        return file.kind() == SpreadsheetFile.Kind.XLSX ? new XlsxRows(file, props) : new CsvRows(file, props);
    }
}
