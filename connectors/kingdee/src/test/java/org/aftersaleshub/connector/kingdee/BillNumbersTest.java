package org.aftersaleshub.connector.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BillNumbersTest {

    @Test
    void readableIdsAreKeptVerbatim() {
        assertThat(BillNumbers.derive("AH", "TK1001-3")).isEqualTo("AH-TK1001-3");
    }

    @Test
    void otherIdsAreHashedDeterministicallyWithinTheLengthLimit() {
        String id = "ticket:2026/03/01.part-usage_0000000000000000000000000000000000000000000001";
        String a = BillNumbers.derive("AHR", id.substring(0, 64).replace('/', '.'));
        assertThat(a).startsWith("AHRH").hasSizeLessThanOrEqualTo(BillNumbers.MAX_LENGTH).matches("[A-Z0-9]+");
        assertThat(BillNumbers.derive("AHR", id.substring(0, 64).replace('/', '.'))).isEqualTo(a);
    }

    @Test
    void idsDifferingOnlyInCaseGetDifferentNumbers() {
        assertThat(BillNumbers.derive("AH", "u-1")).isNotEqualTo(BillNumbers.derive("AH", "U-1"))
                .isNotEqualToIgnoringCase(BillNumbers.derive("AH", "U-1"));
    }

    @Test
    void tooLongReadableIdsAreHashed() {
        String id = "A".repeat(28);
        assertThat(BillNumbers.derive("AH", id)).startsWith("AHH").hasSizeLessThanOrEqualTo(BillNumbers.MAX_LENGTH);
    }
}
