package org.aftersaleshub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantityTest {

    @Test
    void zeroAndNegativeAreRejectedNamingTheField() {
        assertThatThrownBy(() -> Quantity.of("0", "个")).hasMessageContaining("quantity.value")
                .hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Quantity.of("-1.5", "个")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsAreKeptExactly() {
        assertThat(Quantity.of("0.125", "米").value()).isEqualByComparingTo(new BigDecimal("0.125"));
    }
}
