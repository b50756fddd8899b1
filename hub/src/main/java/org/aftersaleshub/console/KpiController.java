package org.aftersaleshub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/kpis}: the dashboard's figures for automation (any valid API key). */
@RestController
@RequestMapping("/api/v1/kpis")
@Validated
@Tag(name = "KPIs", description = "Service KPIs (关键指标): volumes, response and resolution times, first-fix rate")
public class KpiController {

    private final KpiService kpis;

    public KpiController(KpiService kpis) {
        this.kpis = kpis;
    }

    @GetMapping
    @Operation(summary = "KPI figures of a period; the console's dashboard shows the same numbers")
    public Kpis get(
            @Parameter(description = "first day, inclusive (default: 29 days before to)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "last day, inclusive (default: today in the console's time zone)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "one service region, e.g. 华东")
            @RequestParam(required = false) @Size(max = 64) String region) {
        Period p = Period.of(from, to, kpis.zone());
        return kpis.compute(p.from(), p.to(), region == null || region.isBlank() ? null : region, null);
    }

    /** A checked period: {@code to} defaults to today, {@code from} to 29 days earlier, at most 366 days. */
    record Period(LocalDate from, LocalDate to) {

        static Period of(LocalDate from, LocalDate to, java.time.ZoneId zone) {
            LocalDate end = to != null ? to : LocalDate.now(zone);
            LocalDate start = from != null ? from : end.minusDays(29);
            if (start.isAfter(end)) {
                throw ApiProblem.validation(List.of(new FieldViolation("to", "after:from",
                        "must not be before from")));
            }
            if (ChronoUnit.DAYS.between(start, end) >= KpiService.MAX_DAYS) {
                throw ApiProblem.validation(List.of(new FieldViolation("from", "max-days:" + KpiService.MAX_DAYS,
                        "the period is at most " + KpiService.MAX_DAYS + " days")));
            }
            return new Period(start, end);
        }
    }
}
