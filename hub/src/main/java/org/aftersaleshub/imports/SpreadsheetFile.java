package org.aftersaleshub.imports;

import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * An uploaded file the import has inspected and accepted as a spreadsheet: where it lies, what it is and how many
 * data rows it has.
 *
 * @param sheetPart the xlsx part of the sheet read (the workbook's first), null for CSV
 * @param charset   the CSV's character set (UTF-8 or GBK), null for xlsx
 * @param dataRows  non-empty rows after the header row
 */
record SpreadsheetFile(Path path, Kind kind, String sheetPart, Charset charset, int dataRows) {

    enum Kind { XLSX, CSV }
}
