package org.aftersaleshub.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A business calendar (工作日历): the working hours of a workday, which weekdays are workdays, holidays (节假日) and
 * make-up workdays (调休, a weekend day worked instead), in one time zone (Asia/Shanghai unless the file says
 * otherwise). SLA times count only working time of their calendar; {@link #ALWAYS} ({@code 24x7}) counts every
 * second.
 *
 * @param id       the name policies refer to, e.g. {@code cn}
 * @param zone     where the hours are read
 * @param weekdays the usual workdays
 * @param hours    working intervals of a workday, ascending, not overlapping (e.g. 09:00–12:00, 13:30–18:00)
 * @param holidays days off although their weekday is a workday
 * @param workdays make-up workdays (调休): worked although their weekday is not a workday
 */
public record BusinessCalendar(String id, ZoneId zone, Set<DayOfWeek> weekdays, List<Interval> hours,
                               Set<LocalDate> holidays, Set<LocalDate> workdays) {

    /** A working interval of a day, {@code from} inclusive, {@code to} exclusive. */
    public record Interval(LocalTime from, LocalTime to) {
    }

    /** The built-in calendar that counts every second (around the clock, every day). */
    public static final String ALWAYS_ID = "24x7";
    public static final BusinessCalendar ALWAYS = new BusinessCalendar(ALWAYS_ID, ZoneId.of("Asia/Shanghai"),
            Set.of(DayOfWeek.values()), List.of(), Set.of(), Set.of());

    /** Days searched before a calendar is taken as having no working time at all (a file that declares none). */
    private static final int MAX_DAYS = 3 * 366;

    public BusinessCalendar {
        weekdays = Set.copyOf(weekdays);
        hours = List.copyOf(hours);
        holidays = Set.copyOf(holidays);
        workdays = Set.copyOf(workdays);
    }

    public boolean isAlways() {
        return ALWAYS_ID.equals(id);
    }

    /** 工作日: a make-up workday, or a usual workday that is no holiday. */
    public boolean isWorkday(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        return weekdays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The instant when {@code amount} of working time has passed after {@code start}. */
    public Instant plus(Instant start, Duration amount) {
        if (isAlways() || amount.isZero() || amount.isNegative()) {
            return start.plus(amount.isNegative() ? Duration.ZERO : amount);
        }
        Duration left = amount;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (!isWorkday(day)) {
                continue;
            }
            for (Interval h : hours) {
                Instant from = at(day, h.from());
                Instant to = at(day, h.to());
                if (!to.isAfter(start)) {
                    continue;
                }
                Instant begin = from.isBefore(start) ? start : from;
                Duration available = Duration.between(begin, to);
                if (available.compareTo(left) >= 0) {
                    return begin.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("calendar " + id + " has no working time in " + MAX_DAYS + " days");
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (isAlways()) {
            return Duration.between(from, to);
        }
        Duration sum = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkday(day)) {
                continue;
            }
            for (Interval h : hours) {
                Instant a = max(at(day, h.from()), from);
                Instant b = min(at(day, h.to()), to);
                if (b.isAfter(a)) {
                    sum = sum.plus(Duration.between(a, b));
                }
            }
        }
        return sum;
    }

    private Instant at(LocalDate day, LocalTime time) {
        // 24:00 is written as LocalTime.MAX by the reader: the end of the day
        return time.equals(LocalTime.MAX) ? day.plusDays(1).atStartOfDay(zone).toInstant()
                : ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
