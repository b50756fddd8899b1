package org.aftersaleshub.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.connector.InvalidInputException;
import org.aftersaleshub.connector.stock.CatalogEntry.Kind;
import org.aftersaleshub.connector.stock.CatalogEntry.Source;
import org.junit.jupiter.api.Test;

class CatalogCodesTest {

    final List<String> asked = new ArrayList<>();
    final CatalogCodes codes = new CatalogCodes("erp", CodeForm.of("[A-Z0-9.-]{1,10}", "upper-case letters, digits, "
            + "'.', '-'; 1-10"), Map.of("SKU-1", "M.001", "WH01", "CK001", "SKU-BAD", "m 01"), Map.of("WH01", "CK001"),
            "erp.material-codes", "erp.warehouse-codes");

    boolean erpHolds(String code) {
        asked.add(code);
        return code.startsWith("M.");
    }

    @Test
    void aMappedCodeIsKnownWithoutAskingTheErp() {
        assertThat(codes.part("SKU-1", this::erpHolds)).isEqualTo(new CatalogEntry(Kind.PART, "SKU-1", "M.001", true,
                Source.MAPPING));
        assertThat(codes.warehouse("WH01", this::erpHolds)).isEqualTo(new CatalogEntry(Kind.WAREHOUSE, "WH01",
                "CK001", true, Source.MAPPING));
        assertThat(asked).isEmpty();
    }

    @Test
    void anUnmappedCodeIsAskedOfTheErpAsItIs() {
        assertThat(codes.part("M.002", this::erpHolds).known()).isTrue();
        assertThat(codes.part("X-1", this::erpHolds)).isEqualTo(new CatalogEntry(Kind.PART, "X-1", "X-1", false,
                Source.MASTER_DATA));
        assertThat(asked).containsExactly("M.002", "X-1");
    }

    @Test
    void aCodeOutsideTheFormIsRefusedBeforeTheErpIsAskedNamingFieldRuleAndFix() {
        assertThatThrownBy(() -> codes.part("x'1\n", this::erpHolds)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("part");
                    assertThat(e.value()).isEqualTo("x'1\n");
                    assertThat(e.sentAs()).isEqualTo("x'1\n");
                    assertThat(e.rule()).isEqualTo("pattern:[A-Z0-9.-]{1,10}");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("erp: part 'x'1\\u000a' is not a valid erp code: upper-case "
                            + "letters, digits, '.', '-'; 1-10; map it to a valid code with erp.material-codes if "
                            + "the ERP knows it by another");
                });
        // a mapping to a code the ERP cannot take is the mapping's fault: the message says so
        assertThatThrownBy(() -> codes.partCode("SKU-BAD")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.getMessage()).contains("(sent as 'm 01')").endsWith("correct its entry in "
                        + "erp.material-codes"));
        assertThatThrownBy(() -> codes.warehouseCode("")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("warehouse"));
        assertThat(asked).isEmpty();
    }

    @Test
    void anErpCodeTheCallerKnowsWinsOverTheMappingAndIsCheckedToo() {
        assertThat(codes.partCode("SKU-1", "M.009")).isEqualTo("M.009");
        assertThat(codes.partCode("SKU-1", " ")).isEqualTo("M.001");
        assertThatThrownBy(() -> codes.partCode("SKU-1", "m.009")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void encodedTextTakesAnyCharacterButControlCharacters() {
        assertThat(CodeForm.ENCODED_TEXT.accepts("压缩机 A-1/'x'")).isTrue();
        assertThat(CodeForm.ENCODED_TEXT.accepts("A\tB")).isFalse();
        assertThat(CodeForm.ENCODED_TEXT.accepts("")).isFalse();
        assertThat(CodeForm.ENCODED_TEXT.accepts("x".repeat(256))).isFalse();
    }
}
