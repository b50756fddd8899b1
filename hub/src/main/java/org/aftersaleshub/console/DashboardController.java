package org.aftersaleshub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * 看板: the KPI dashboard. The page carries the figures as text (tests and screen readers read them there) and, for
 * dashboard.js to draw the charts from, as JSON in an attribute — the same {@link Kpis} the API and
 * {@code /console/dashboard/data} serve, computed once per page (docs/console-benchmark.md: page ready).
 */
@Controller
class DashboardController extends ConsolePage {

    private final KpiService kpis;
    private final PartStockStates partStock;
    private final ObjectMapper json;

    DashboardController(KpiService kpis, PartStockStates partStock, ObjectMapper json) {
        this.kpis = kpis;
        this.partStock = partStock;
        this.json = json;
    }

    @GetMapping("/console/dashboard")
    String dashboard(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String region, @AuthenticationPrincipal ConsolePrincipal me, Model model) {
        Kpis k = compute(kpis, from, to, region, me);
        model.addAttribute("kpis", k);
        model.addAttribute("region", k.region());
        // escaped as any attribute value by the template; read back with JSON.parse, never evaluated
        model.addAttribute("figures", toJson(k));
        return "console/dashboard";
    }

    /**
     * The top parts with their stock, as a fragment htmx loads after the page: the ERP's answer may take a while,
     * and the dashboard's figures do not wait for it.
     */
    @GetMapping("/console/dashboard/part-stock")
    String partStock(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String region, @AuthenticationPrincipal ConsolePrincipal me, Model model) {
        Query q = query(kpis, from, to, region);
        model.addAttribute("parts", partStock.rows(q.from(), q.to(), kpis.topParts(q.from(), q.to(), q.region(), me)));
        return "console/dashboard :: part-stock";
    }

    @GetMapping("/console/dashboard/data")
    @ResponseBody
    Kpis data(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String region, @AuthenticationPrincipal ConsolePrincipal me) {
        return compute(kpis, from, to, region, me);
    }

    /** The figures for the dashboard's parameters as typed (blank = default); bad ones are a {@link BadInput}. */
    static Kpis compute(KpiService kpis, String from, String to, String region, ConsolePrincipal me) {
        Query q = query(kpis, from, to, region);
        return kpis.compute(q.from(), q.to(), q.region(), me);
    }

    /** The dashboard's period (days, inclusive) and region. */
    record Query(LocalDate from, LocalDate to, String region) {
    }

    /** The dashboard's parameters as typed (blank = default); bad ones are a {@link BadInput}. */
    static Query query(KpiService kpis, String from, String to, String region) {
        LocalDate f = TicketSearch.day("from", blank(from));
        LocalDate t = TicketSearch.day("to", blank(to));
        String r = blank(region);
        if (r != null && r.length() > 64) {
            throw new BadInput("region", "at most 64 characters");
        }
        KpiController.Period p;
        try {
            p = KpiController.Period.of(f, t, kpis.zone());
        } catch (org.aftersaleshub.web.ApiProblem e) {
            throw new BadInput("from", "a period of at most " + KpiService.MAX_DAYS + " days, from before to");
        }
        return new Query(p.from(), p.to(), r);
    }

    private String toJson(Kpis k) {
        try {
            return json.writeValueAsString(k);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("KPI figures not serialisable", e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
