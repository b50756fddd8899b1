package org.aftersaleshub.masterdata.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A warranty ends with its last day in Asia/Shanghai, whatever zone the server runs in. */
class WarrantyTest {

    /** 16:30 UTC on 7 December is already 00:30 on 8 December in Shanghai. */
    static final Warranty AFTER_MIDNIGHT_IN_SHANGHAI = new Warranty(
            Clock.fixed(Instant.parse("2026-12-07T16:30:00Z"), ZoneOffset.UTC));

    @Test
    void aWarrantyEndingOnTheShanghaiDayBeforeHasEndedEvenWhileItIsStillThatDayInUtc() {
        assertThat(AFTER_MIDNIGHT_IN_SHANGHAI.inWarranty(LocalDate.of(2026, 12, 7))).isFalse();
    }

    @Test
    void theLastDayOfTheWarrantyIsInIt() {
        assertThat(AFTER_MIDNIGHT_IN_SHANGHAI.inWarranty(LocalDate.of(2026, 12, 8))).isTrue();
        assertThat(AFTER_MIDNIGHT_IN_SHANGHAI.inWarranty(LocalDate.of(2027, 1, 1))).isTrue();
    }

    @Test
    void anUnknownWarrantyEndIsUnknownNotExpired() {
        assertThat(AFTER_MIDNIGHT_IN_SHANGHAI.inWarranty(null)).isNull();
    }
}
