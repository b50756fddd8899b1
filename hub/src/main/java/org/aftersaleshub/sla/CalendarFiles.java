package org.aftersaleshub.sla;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * rules/calendars/*.yaml: one business calendar per file, or one year of it — files with the same {@code calendar}
 * name are merged (their holidays and make-up days together), and must agree on zone, weekdays and hours.
 */
final class CalendarFiles {

    static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();

    Map<String, BusinessCalendar> calendars() {
        Map<String, BusinessCalendar> out = new LinkedHashMap<>(calendars);
        out.put(BusinessCalendar.ALWAYS_ID, BusinessCalendar.ALWAYS);
        return out;
    }

    void read(YamlChecks c) {
        JsonNode root = c.yaml.root;
        if (!c.isObject(root, "", "a calendar file")) {
            return;
        }
        c.keys(root, "", "calendar", "name", "zone", "weekdays", "working-hours", "holidays", "workdays");
        String id = c.requiredText(root, "calendar", "");
        if (id != null && id.equals(BusinessCalendar.ALWAYS_ID)) {
            c.problem("/calendar", "reserved", "'24x7' is the built-in calendar that counts every hour",
                    "choose another name, e.g. cn", "24x7 为内置日历名，请另取名称，例如 cn");
            id = null;
        }
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        String zoneText = c.optionalText(root, "zone");
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                c.problem("/zone", "zone", "'" + zoneText + "' is not a time zone",
                        "write a region zone such as Asia/Shanghai", "请填写时区，例如 Asia/Shanghai");
            }
        }
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayNames = root.has("weekdays") ? c.list(root, "weekdays", "")
                : List.of("MON", "TUE", "WED", "THU", "FRI");
        c.oneOf(dayNames, "", "weekdays", DAYS).forEach(d -> weekdays.add(DayOfWeek.of(DAYS.indexOf(d) + 1)));
        List<BusinessCalendar.Interval> hours = hours(c, root);
        Set<LocalDate> holidays = dates(c, root, "holidays");
        Set<LocalDate> workdays = dates(c, root, "workdays");
        for (LocalDate d : workdays) {
            if (holidays.contains(d)) {
                c.problem("/workdays", "workday-holiday", d + " is both a holiday and a make-up workday (调休)",
                        "keep it in one list only", "同一天不能既是节假日又是调休工作日");
            }
        }
        if (id == null) {
            return;
        }
        BusinessCalendar read = new BusinessCalendar(id, zone, weekdays, hours, holidays, workdays);
        BusinessCalendar earlier = calendars.get(id);
        if (earlier == null) {
            calendars.put(id, read);
            return;
        }
        if (!earlier.zone().equals(zone) || !earlier.weekdays().equals(weekdays) || !earlier.hours().equals(hours)) {
            c.problem("/calendar", "calendar-mismatch", "another file of calendar '" + id + "' has other zone, "
                            + "weekdays or working hours",
                    "files of one calendar (e.g. one per year) must agree on zone, weekdays and working-hours",
                    "同一日历的各文件（如按年拆分）时区、工作日与工作时间须一致");
            return;
        }
        Set<LocalDate> h = new HashSet<>(earlier.holidays());
        h.addAll(holidays);
        Set<LocalDate> w = new HashSet<>(earlier.workdays());
        w.addAll(workdays);
        calendars.put(id, new BusinessCalendar(id, zone, weekdays, hours, h, w));
    }

    private static List<BusinessCalendar.Interval> hours(YamlChecks c, JsonNode root) {
        List<String> texts = root.has("working-hours") ? c.list(root, "working-hours", "")
                : List.of("09:00-18:00");
        List<BusinessCalendar.Interval> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            String[] parts = t.split("-");
            String at = "/working-hours" + (root.path("working-hours").isArray() ? "/" + i : "");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("no range", t, 0);
                }
                LocalTime from = LocalTime.parse(parts[0].trim());
                LocalTime to = parts[1].trim().equals("24:00") ? LocalTime.MAX : LocalTime.parse(parts[1].trim());
                if (!to.isAfter(from) || (!out.isEmpty() && from.isBefore(out.get(out.size() - 1).to()))) {
                    c.problem(at, "hours-order", "'" + t + "' ends before it starts or overlaps the one before",
                            "list working hours in order, each ending after it starts: [\"09:00-12:00\", "
                                    + "\"13:30-18:00\"]", "工作时间段须按时间先后排列且不重叠");
                    continue;
                }
                out.add(new BusinessCalendar.Interval(from, to));
            } catch (DateTimeParseException e) {
                c.problem(at, "hours", "'" + t + "' is not a time range", "write HH:mm-HH:mm, e.g. 09:00-18:00",
                        "请写成 HH:mm-HH:mm，例如 09:00-18:00");
            }
        }
        return out;
    }

    /** Dates, or ranges {@code 2027-02-06..2027-02-13}. */
    private static Set<LocalDate> dates(YamlChecks c, JsonNode root, String field) {
        Set<LocalDate> out = new HashSet<>();
        List<String> texts = c.list(root, field, "");
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            try {
                String[] range = t.split("\\.\\.");
                LocalDate from = LocalDate.parse(range[0].trim());
                LocalDate to = range.length == 2 ? LocalDate.parse(range[1].trim()) : from;
                if (range.length > 2 || to.isBefore(from) || from.plusDays(60).isBefore(to)) {
                    throw new DateTimeParseException("bad range", t, 0);
                }
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    out.add(d);
                }
            } catch (DateTimeParseException e) {
                c.problem("/" + field + (root.path(field).isArray() ? "/" + i : ""), "date",
                        "'" + t + "' is not a date or a date range", "write 2027-10-01 or 2027-10-01..2027-10-07",
                        "请写成日期 2027-10-01 或日期范围 2027-10-01..2027-10-07");
            }
        }
        return out;
    }

}
