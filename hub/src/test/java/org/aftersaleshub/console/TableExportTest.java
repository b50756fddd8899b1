package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class TableExportTest {

    @Test
    void everyCellASpreadsheetWouldRunAsAFormulaIsMadeText() {
        for (String formula : List.of("=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(TableExport.defuse(formula)).isEqualTo("'" + formula);
        }
        assertThat(TableExport.defuse("制冷 = 好")).isEqualTo("制冷 = 好");
        assertThat(TableExport.defuse("")).isEmpty();
    }

    @Test
    void aTableLongerThanTheCapIsCutAndSaysSoInTheHeadersAndTheLastRow() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        long total = TableExport.ROW_CAP + 5L;
        try (TableExport out = new TableExport(response, TableExport.Format.CSV, "t", total, List.of("a", "b"))) {
            for (int i = 0; i < total && !out.full(); i++) {
                out.row("r" + i, i);
            }
            out.row("never", 0);
        }

        assertThat(response.getHeader("X-Export-Row-Cap")).isEqualTo("100000");
        assertThat(response.getHeader("X-Export-Rows")).isEqualTo("100000");
        assertThat(response.getHeader("X-Export-Truncated")).isEqualTo("true");
        String[] lines = response.getContentAsString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(1 + TableExport.ROW_CAP + 1);
        assertThat(lines[TableExport.ROW_CAP]).isEqualTo("r99999,99999");
        assertThat(lines[lines.length - 1]).startsWith("已截断 (truncated): 仅导出前 100000 行，共 100005 行");
        assertThat(String.join("\n", lines)).doesNotContain("never");
    }
}
