package org.aftersaleshub.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Tells what an uploaded file is from its own bytes, not its name: an xlsx (a zip, then checked by {@link XlsxGuard}
 * before any parser sees it), a CSV (text: UTF-8 with or without BOM, else GBK), or something else, which is refused
 * naming what it looks like.
 */
final class FileInspector {

    /** GB18030 reads every GBK file alike and also the characters GBK lacks. */
    static final Charset GBK = Charset.forName("GB18030");

    private final ImportProperties props;

    FileInspector(ImportProperties props) {
        this.props = props;
    }

    /**
     * @param forcedCharset the CSV charset the caller named ({@code ?charset=}), or null to detect it
     */
    SpreadsheetFile inspect(Path file, String fileName, Charset forcedCharset) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        head = Arrays.copyOf(head, n);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (n == 0) {
            throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "empty-file", "文件是空的，请上传 xlsx 或 csv 文件。",
                    "The file is empty; upload an xlsx or CSV file.");
        }
        String binary = binaryKind(head);
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04)) {
            return new XlsxGuard(props).inspect(file);
        }
        if (binary != null) {
            throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "not-a-spreadsheet",
                    "文件不是表格（看起来是" + binary + "）。请上传 .xlsx 或 .csv 文件" + (binary.contains("xls") || binary
                            .contains("加密") ? "：在 Excel 中“另存为” Excel 工作簿 (*.xlsx) 且不设密码。" : "。"),
                    "The file is not a spreadsheet (it looks like " + binaryEn(head) + "). Upload an .xlsx or .csv"
                            + " file" + (binary.contains("xls") ? "; in Excel use Save As → Excel Workbook (*.xlsx)"
                            + " without a password." : "."));
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            throw FileRefusal.of(HttpStatus.BAD_REQUEST, "file", "not-a-spreadsheet",
                    "文件名是 " + fileName + "，但内容不是 Excel 工作簿。请在 Excel 中另存为 .xlsx，或把文本文件命名为 .csv。",
                    "The file is named " + fileName + " but its content is not an Excel workbook. Save it as .xlsx "
                            + "in Excel, or name a text file .csv.");
        }
        Charset charset = forcedCharset != null ? forcedCharset : detectCharset(file, head);
        int rows = CsvRows.inspect(file, charset, props);
        return new SpreadsheetFile(file, SpreadsheetFile.Kind.CSV, null, charset, rows);
    }

    /** The charset of a CSV: a UTF-8 BOM, or bytes that are all valid UTF-8, mean UTF-8; anything else is GBK. */
    static Charset detectCharset(Path file, byte[] head) throws IOException {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] buf = new byte[32 * 1024];
            int r;
            while ((r = s.read(buf)) != -1) {
                in.put(buf, 0, r);
                in.flip();
                CoderResult cr = utf8.decode(in, out, false);
                if (cr.isError()) {
                    return GBK;
                }
                in.compact();
                out.clear();
            }
            in.flip();
            if (utf8.decode(in, out, true).isError() || in.hasRemaining()) {
                return GBK;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A Chinese name of what binary content this is, or null when it may be text. */
    private static String binaryKind(byte[] h) {
        if (startsWith(h, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "旧版 Excel (.xls) 或加密的工作簿";
        }
        if (startsWith(h, 0x25, 0x50, 0x44, 0x46)) {
            return " PDF";
        }
        if (startsWith(h, 0x89, 0x50, 0x4E, 0x47)) {
            return " PNG 图片";
        }
        if (startsWith(h, 0xFF, 0xD8, 0xFF)) {
            return " JPEG 图片";
        }
        if (startsWith(h, 0x47, 0x49, 0x46, 0x38)) {
            return " GIF 图片";
        }
        for (byte b : h) {
            if (b == 0) {
                return "二进制文件";
            }
        }
        return null;
    }

    private static String binaryEn(byte[] h) {
        if (startsWith(h, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "an old Excel .xls or a password-protected workbook";
        }
        if (startsWith(h, 0x25, 0x50, 0x44, 0x46)) {
            return "a PDF";
        }
        if (startsWith(h, 0x89, 0x50, 0x4E, 0x47)) {
            return "a PNG image";
        }
        if (startsWith(h, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (startsWith(h, 0x47, 0x49, 0x46, 0x38)) {
            return "a GIF image";
        }
        return "a binary file";
    }

    private static boolean startsWith(byte[] h, int... magic) {
        if (h.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((h[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
