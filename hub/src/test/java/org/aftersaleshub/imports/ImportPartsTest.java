package org.aftersaleshub.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's small parts without a hub: date formats, charset detection, column letters, header matching. */
class ImportPartsTest {

    @TempDir
    Path dir;

    @Test
    void dateFormatsAreToldFromNumberFormats() {
        assertThat(DateFormats.isDate(14, null)).isTrue();
        assertThat(DateFormats.isDate(31, null)).as("yyyy年m月d日 of Chinese Excel").isTrue();
        assertThat(DateFormats.isDate(164, "yyyy-mm-dd")).isTrue();
        assertThat(DateFormats.isDate(165, "[$-804]yyyy\"年\"m\"月\"d\"日\"")).isTrue();
        assertThat(DateFormats.isDate(0, "General")).isFalse();
        assertThat(DateFormats.isDate(2, "0.00")).isFalse();
        assertThat(DateFormats.isDate(166, "\"day\" 0")).as("letters inside quotes").isFalse();
        assertThat(DateFormats.isDate(167, "[Red]0.00")).as("letters inside brackets").isFalse();
    }

    @Test
    void csvCharsetIsUtf8WithABomOrWhenValidElseGbk() throws Exception {
        String text = "物料编号,物料名称\nA,冷凝器\n";
        Path bom = write("bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                text.getBytes(StandardCharsets.UTF_8)));
        Path utf8 = write("utf8.csv", text.getBytes(StandardCharsets.UTF_8));
        Path gbk = write("gbk.csv", text.getBytes(Charset.forName("GBK")));
        assertThat(FileInspector.detectCharset(bom, Files.readAllBytes(bom))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(FileInspector.detectCharset(utf8, Files.readAllBytes(utf8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(FileInspector.detectCharset(gbk, Files.readAllBytes(gbk))).isEqualTo(FileInspector.GBK);
    }

    @Test
    void columnLettersAreExcels() {
        assertThat(ImportEngine.columnLetter(0)).isEqualTo("A");
        assertThat(ImportEngine.columnLetter(25)).isEqualTo("Z");
        assertThat(ImportEngine.columnLetter(26)).isEqualTo("AA");
        assertThat(ImportEngine.columnLetter(701)).isEqualTo("ZZ");
        assertThat(ImportEngine.columnLetter(702)).isEqualTo("AAA");
    }

    @Test
    void headersMatchChineseOrEnglishInAnyCaseAndSuggestTheNearestOne() {
        List<ImportColumn> columns = new TestItemsTarget(null, false).columns();
        HeaderMap ok = HeaderMap.of(List.of("CODE", "物料名称", "price", "数量", "Since", "上级编号", ""), columns);
        assertThat(ok.texts(new RawRow(2, List.of(cell("a"), cell("b"))))).startsWith("a", "b");
        assertThatThrownBy(() -> HeaderMap.of(List.of("物料编号", "物料名", "单价", "数量", "启用日期", "上级编号"), columns))
                .isInstanceOfSatisfying(FileRefusal.class, r -> {
                    assertThat(r.rule()).isEqualTo("unknown-header");
                    assertThat(r.getMessage()).contains("did you mean '物料名称'");
                    assertThat(r.hintZh()).contains("是否应为“物料名称”");
                });
        assertThatThrownBy(() -> HeaderMap.of(List.of("物料编号", "color"), columns))
                .isInstanceOfSatisfying(FileRefusal.class, r -> assertThat(r.toProblem().toProblemDetail("/x")
                        .getProperties().get("errors").toString()).contains("unknown-header", "missing-header"));
    }

    private static RawRow.Cell cell(String text) {
        return new RawRow.Cell(RawRow.Kind.TEXT, text, null);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
