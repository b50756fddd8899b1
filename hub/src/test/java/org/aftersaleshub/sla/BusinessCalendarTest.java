package org.aftersaleshub.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Working time in the shipped calendar cn (rules/calendars/cn-2027.yaml), Asia/Shanghai. */
class BusinessCalendarTest {

    static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    final BusinessCalendar cn = SlaRuleFiles.read(Path.of("../rules")).rules().calendar("cn");

    static Instant sh(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), SH).toInstant();
    }

    @Test
    void theShippedCalendarIsRead() {
        assertThat(cn.id()).isEqualTo("cn");
        assertThat(cn.zone()).isEqualTo(SH);
    }

    @Test
    void timeCountsOnlyInWorkingHoursAndSkipsTheLunchBreak() {
        // Monday 2027-03-01 11:00 + 2h: 11:00-12:00, then 13:30-14:30
        assertThat(cn.plus(sh("2027-03-01T11:00"), Duration.ofHours(2))).isEqualTo(sh("2027-03-01T14:30"));
        assertThat(cn.between(sh("2027-03-01T11:00"), sh("2027-03-01T14:30"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void afterHoursAndWeekendsMoveToTheNextWorkday() {
        // Friday 2027-03-05 17:00 + 2h: 1h on Friday, then Monday 09:00-10:00
        assertThat(cn.plus(sh("2027-03-05T17:00"), Duration.ofHours(2))).isEqualTo(sh("2027-03-08T10:00"));
        // created on Saturday night: the time starts on Monday morning
        assertThat(cn.plus(sh("2027-03-06T22:00"), Duration.ofMinutes(30))).isEqualTo(sh("2027-03-08T09:30"));
    }

    @Test
    void holidaysAreSkippedAndMakeUpWorkdaysCount() {
        // 国庆 2027-10-01..07 are holidays; Saturday 10-09 is a make-up workday (调休)
        assertThat(cn.isWorkday(LocalDate.parse("2027-10-04"))).isFalse();
        assertThat(cn.isWorkday(LocalDate.parse("2027-10-09"))).isTrue();
        assertThat(cn.isWorkday(LocalDate.parse("2027-10-10"))).isFalse();
        // Thursday 09-30 17:00 + 2h: 1h on 09-30, holidays 10-01..07, weekend 10-08 is Friday: 09:00-10:00
        assertThat(cn.plus(sh("2027-09-30T17:00"), Duration.ofHours(2))).isEqualTo(sh("2027-10-08T10:00"));
        // Friday 10-08 17:30 + 1h: 30 min on Friday, then Saturday 10-09 (调休) 09:00-09:30
        assertThat(cn.plus(sh("2027-10-08T17:30"), Duration.ofHours(1))).isEqualTo(sh("2027-10-09T09:30"));
    }

    @Test
    void aroundTheClockCountsEverySecond() {
        Instant t = sh("2027-10-01T23:00");
        assertThat(BusinessCalendar.ALWAYS.plus(t, Duration.ofHours(2))).isEqualTo(t.plus(Duration.ofHours(2)));
        assertThat(BusinessCalendar.ALWAYS.between(t, t.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    }
}
