package org.aftersaleshub.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.springframework.http.HttpStatus;

/**
 * Checks an xlsx before the reader parses it, with {@code java.util.zip} and a StAX pass: every part is inflated
 * through a counter, so a part that expands beyond {@code max-uncompressed-bytes} in all or beyond
 * {@code max-compression-ratio} per compressed byte (a zip bomb) is refused without being held anywhere — the sizes
 * the zip declares are not trusted. The data sheet (the workbook's first) is scanned for what the import refuses as
 * a whole: formula cells, merged cells, a cell longer than {@code max-cell-chars}, no data rows, too many rows. The
 * parts and elements read are those of docs/vendor-apis/xlsx.md §1 and §2.
 */
final class XlsxGuard {

    private static final int MAX_ENTRIES = 10_000;
    /** Parts smaller than this may compress as well as they like (an empty sheet's XML does). */
    private static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private final ImportProperties props;
    private long total;

    XlsxGuard(ImportProperties props) {
        this.props = props;
    }

    SpreadsheetFile inspect(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw bomb("the zip holds " + zip.size() + " parts", "压缩包内有 " + zip.size() + " 个文件");
            }
            if (zip.getEntry("[Content_Types].xml") == null || zip.getEntry("xl/workbook.xml") == null) {
                throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "not-a-spreadsheet",
                        "文件是 zip 压缩包，但不是 Excel 工作簿 (.xlsx)。请在 Excel 中另存为 .xlsx。",
                        "The file is a zip archive but not an Excel workbook (.xlsx); save it as .xlsx in Excel.");
            }
            String sheetPart = firstSheetPart(zip);
            int nonEmptyRows = -1;
            String sharedStrings = null;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                try (InputStream in = new Guarded(zip.getInputStream(e), e)) {
                    if (e.getName().equals(sheetPart)) {
                        nonEmptyRows = scanSheet(in);
                    } else if (e.getName().equals("xl/sharedStrings.xml")) {
                        sharedStrings = scanSharedStrings(in);
                    } else {
                        in.transferTo(OutputNowhere.INSTANCE);
                    }
                }
            }
            if (sharedStrings != null) {
                throw FileRefusal.content("file", "max-length:" + props.maxCellChars(),
                        "文件中有一个单元格文字超过 " + props.maxCellChars() + " 个字符（" + sharedStrings + "）。请缩短后再导入。",
                        "A cell of the file holds more than " + props.maxCellChars() + " characters (" + sharedStrings
                                + "); shorten it and import again.");
            }
            if (nonEmptyRows < 0) {
                throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "not-a-spreadsheet",
                        "工作簿缺少第一个工作表。请用模板重新保存。",
                        "The workbook's first sheet is missing; save the file again from the template.");
            }
            return new SpreadsheetFile(path, SpreadsheetFile.Kind.XLSX, sheetPart, null, noRows(nonEmptyRows));
        } catch (ZipException e) {
            throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "not-a-spreadsheet",
                    "文件像是 zip/xlsx，但已损坏，无法打开。请在 Excel 中重新保存为 .xlsx。",
                    "The file looks like a zip / xlsx but is damaged and cannot be opened; save it again as .xlsx.");
        } catch (XMLStreamException e) {
            throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "not-a-spreadsheet",
                    "工作簿内容已损坏（XML 无法读取）。请在 Excel 中重新保存为 .xlsx。",
                    "The workbook's content is damaged (its XML cannot be read); save it again as .xlsx in Excel.");
        }
    }

    /** Data rows after the header, refusing a file without any. */
    static int noRows(int nonEmptyRows) {
        if (nonEmptyRows <= 1) {
            throw FileRefusal.content("file", "min-rows:1", nonEmptyRows == 0
                            ? "文件是空的：没有表头，也没有数据行。请使用导入模板。"
                            : "文件只有表头，没有数据行（0 行）。请在表头下填写数据。",
                    nonEmptyRows == 0 ? "The file is empty: no header row and no data rows; use the import template."
                            : "The file has a header row but 0 data rows; fill in rows below the header.");
        }
        return nonEmptyRows - 1;
    }

    /** The zip path of the workbook's first sheet, from xl/workbook.xml and its relationships. */
    private String firstSheetPart(ZipFile zip) throws IOException, XMLStreamException {
        String relId = null;
        try (InputStream in = new Guarded(zip.getInputStream(zip.getEntry("xl/workbook.xml")), null)) {
            XMLStreamReader x = xml(in);
            while (x.hasNext() && relId == null) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")) {
                    for (int i = 0; i < x.getAttributeCount(); i++) {
                        if (x.getAttributeLocalName(i).equals("id")) {
                            relId = x.getAttributeValue(i);
                        }
                    }
                }
            }
        }
        ZipEntry rels = zip.getEntry("xl/_rels/workbook.xml.rels");
        if (relId == null || rels == null) {
            return "xl/worksheets/sheet1.xml";
        }
        try (InputStream in = new Guarded(zip.getInputStream(rels), null)) {
            XMLStreamReader x = xml(in);
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Relationship")
                        && relId.equals(x.getAttributeValue(null, "Id"))) {
                    String target = x.getAttributeValue(null, "Target");
                    return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                }
            }
        }
        return "xl/worksheets/sheet1.xml";
    }

    /** Non-empty rows of the data sheet (the header included); refuses formulas, merges, huge cells, too many rows. */
    private int scanSheet(InputStream in) throws XMLStreamException {
        XMLStreamReader x = xml(in);
        int rows = 0;
        boolean rowHasValue = false;
        String cell = "?";
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (x.getLocalName()) {
                    case "row" -> rowHasValue = false;
                    case "c" -> cell = x.getAttributeValue(null, "r");
                    case "f" -> throw FileRefusal.content("cell:" + cell, "formula-cell",
                            "单元格 " + cell + " 是公式。请复制后“选择性粘贴 → 数值”，再导入。",
                            "Cell " + cell + " holds a formula; copy the cells and Paste Special → Values, then import.");
                    case "mergeCell" -> {
                        String ref = x.getAttributeValue(null, "ref");
                        throw FileRefusal.content("cells:" + ref, "merged-cells",
                                "单元格 " + ref + " 是合并单元格。请取消合并，每行每列只填一个值。",
                                "Cells " + ref + " are merged; unmerge them so that each row has one value per column.");
                    }
                    case "v", "t" -> {
                        String text = x.getElementText();
                        if (text.length() > props.maxCellChars()) {
                            throw FileRefusal.content("cell:" + cell, "max-length:" + props.maxCellChars(),
                                    "单元格 " + cell + " 有 " + text.length() + " 个字符，超过 " + props.maxCellChars()
                                            + "。请缩短后再导入。",
                                    "Cell " + cell + " holds " + text.length() + " characters, more than "
                                            + props.maxCellChars() + "; shorten it and import again.");
                        }
                        rowHasValue |= !text.isBlank();
                    }
                    default -> {
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT && x.getLocalName().equals("row") && rowHasValue) {
                rows++;
                if (rows - 1 > props.maxRows()) {
                    throw tooManyRows(props.maxRows());
                }
            }
        }
        return rows;
    }

    static FileRefusal tooManyRows(int max) {
        return FileRefusal.of(HttpStatus.PAYLOAD_TOO_LARGE, "file", "max-rows:" + max,
                "文件超过 " + max + " 行数据。请拆分成多个文件分别导入。",
                "The file has more than " + max + " data rows (hub.imports.max-rows); split it into several files.");
    }

    /** Null, or a description of the first shared text longer than max-cell-chars. */
    private String scanSharedStrings(InputStream in) throws XMLStreamException {
        XMLStreamReader x = xml(in);
        int index = -1;
        long length = 0;
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("si")) {
                index++;
                length = 0;
            } else if (ev == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("t")) {
                length += x.getElementText().length();
                if (length > props.maxCellChars()) {
                    return "shared string #" + index + ": " + length + "+ chars";
                }
            }
        }
        return null;
    }

    private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // no DTDs and no external entities: a workbook needs neither, and they are how XML files attack parsers
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f.createXMLStreamReader(in);
    }

    private FileRefusal bomb(String en, String zh) {
        return FileRefusal.of(HttpStatus.PAYLOAD_TOO_LARGE, "file", "zip-bomb",
                "xlsx 解压后过大或压缩比异常（" + zh + "），可能是“压缩炸弹”，已拒绝。请确认文件来源，或拆分成较小的文件。",
                "The xlsx expands too much (" + en + "; limits: hub.imports.max-uncompressed-bytes "
                        + props.maxUncompressedBytes().toMegabytes() + " MB, hub.imports.max-compression-ratio "
                        + props.maxCompressionRatio() + "), like a zip bomb; check where it came from or split it.");
    }

    /** Counts what a part inflates to and stops at the limits, before the bytes reach any parser. */
    private final class Guarded extends FilterInputStream {
        private final ZipEntry entry;
        private long count;

        Guarded(InputStream in, ZipEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (entry != null) {
                total += n;
                if (total > props.maxUncompressedBytes().toBytes()) {
                    throw bomb("more than " + props.maxUncompressedBytes().toMegabytes() + " MB uncompressed",
                            "解压后超过 " + props.maxUncompressedBytes().toMegabytes() + " MB");
                }
            }
            long compressed = entry == null ? -1 : entry.getCompressedSize();
            if (count > RATIO_GRACE_BYTES && compressed > 0 && count / compressed > props.maxCompressionRatio()) {
                throw bomb("part " + entry.getName() + " expands more than " + props.maxCompressionRatio() + " times",
                        "其中 " + entry.getName() + " 压缩比超过 " + props.maxCompressionRatio() + " 倍");
            }
            if (entry == null && count > 64L * 1024 * 1024) {
                throw bomb("the workbook part is larger than 64 MB", "工作簿目录超过 64 MB");
            }
        }
    }

    private static final class OutputNowhere extends java.io.OutputStream {
        static final OutputNowhere INSTANCE = new OutputNowhere();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
