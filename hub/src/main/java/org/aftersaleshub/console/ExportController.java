package org.aftersaleshub.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.aftersaleshub.audit.AuditLog;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 导出: every console table as CSV or xlsx ({@link TableExport}), with the filters and the person's scope of its
 * page. Tickets and dead letters are records customers and external systems wrote, taken out of the hub in bulk:
 * admin and supervisor only (a viewer reads them on the pages), audited as {@code console.export}. The figures
 * (engineer load, top parts with their stock, the satisfaction trend) export for every role.
 */
@Controller
class ExportController extends ConsolePage {

    private final ConsoleTickets tickets;
    private final ConsoleDeadLetters deadLetters;
    private final KpiService kpis;
    private final ConsoleProperties properties;
    private final AuditLog audit;
    private final PartStockStates partStock;

    ExportController(ConsoleTickets tickets, ConsoleDeadLetters deadLetters, KpiService kpis,
            ConsoleProperties properties, AuditLog audit, PartStockStates partStock) {
        this.partStock = partStock;
        this.tickets = tickets;
        this.deadLetters = deadLetters;
        this.kpis = kpis;
        this.properties = properties;
        this.audit = audit;
    }

    @GetMapping("/console/tickets.{format:csv|xlsx}")
    void tickets(@PathVariable String format, TicketSearch search, @AuthenticationPrincipal ConsolePrincipal me,
            HttpServletResponse response) throws IOException {
        requireChange(me);
        search.validate();
        long total = tickets.count(search, me, properties.timeZone());
        audit.record(me.actor(), "console.export", "tickets", format + " " + search + " rows=" + total);
        ConsoleFormat f = new ConsoleFormat(properties);
        try (TableExport out = new TableExport(response, TableExport.Format.of(format), "tickets", total,
                List.of("工单号 number", "状态 status", "渠道 channel", "客户 customer", "区域 region",
                        "工程师 assignee", "故障类型 fault_type", "优先级 priority", "创建时间 created_at"))) {
            tickets.forEach(search, me, properties.timeZone(), TableExport.ROW_CAP, r -> out.row(r.number(),
                    r.status(), r.channel(), r.customerId(), r.region(), r.assigneeId(), r.faultType(), r.priority(),
                    f.time(r.createdAt())));
        }
    }

    @GetMapping("/console/dead-letters.{format:csv|xlsx}")
    void deadLetters(@PathVariable String format, DeadLetterSearch search,
            @AuthenticationPrincipal ConsolePrincipal me, HttpServletResponse response) throws IOException {
        requireChange(me);
        search.validate();
        long total = deadLetters.count(search, me);
        audit.record(me.actor(), "console.export", "dead-letters", format + " " + search + " rows=" + total);
        ConsoleFormat f = new ConsoleFormat(properties);
        try (TableExport out = new TableExport(response, TableExport.Format.of(format), "dead-letters", total,
                List.of("编号 id", "时间 created_at", "状态 status", "路由 route", "目标 target", "事件 event_type",
                        "工单 ticket", "尝试次数 attempts", "重放次数 replays", "最后错误 last_error"))) {
            deadLetters.forEach(search, me, TableExport.ROW_CAP, d -> out.row(d.id(), f.time(d.createdAt()),
                    d.status(), d.routeId(), d.target(), d.eventType(), d.ticketId(), d.attempts(), d.replayCount(),
                    d.error()));
        }
    }

    @GetMapping("/console/dashboard/engineer-load.{format:csv|xlsx}")
    void engineerLoad(@PathVariable String format, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String region,
            @AuthenticationPrincipal ConsolePrincipal me, HttpServletResponse response) throws IOException {
        List<Kpis.Load> load = DashboardController.compute(kpis, from, to, region, me).engineerLoad();
        try (TableExport out = new TableExport(response, TableExport.Format.of(format), "engineer-load",
                load.size(), List.of("工程师 assignee", "姓名 name", "未完成工单 open_tickets"))) {
            for (Kpis.Load l : load) {
                out.row(l.assigneeId(), l.name(), l.openTickets());
            }
        }
    }

    @GetMapping("/console/dashboard/top-parts.{format:csv|xlsx}")
    void topParts(@PathVariable String format, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String region,
            @AuthenticationPrincipal ConsolePrincipal me, HttpServletResponse response) throws IOException {
        DashboardController.Query q = DashboardController.query(kpis, from, to, region);
        List<PartStockStates.Row> parts = partStock.rows(q.from(), q.to(),
                kpis.topParts(q.from(), q.to(), q.region(), me));
        try (TableExport out = new TableExport(response, TableExport.Format.of(format), "top-parts", parts.size(),
                List.of("备件 sku", "用量 quantity", "仓库 warehouse", "可用 available", "在库 on_hand", "期间 from",
                        "至 to"))) {
            for (PartStockStates.Row p : parts) {
                out.row(p.sku(), p.quantityUsed(), p.warehouse(), p.known() ? p.available() : "未知",
                        p.known() ? p.onHand() : "未知", q.from().toString(), q.to().toString());
            }
        }
    }

    @GetMapping("/console/dashboard/satisfaction.{format:csv|xlsx}")
    void satisfaction(@PathVariable String format, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String region,
            @AuthenticationPrincipal ConsolePrincipal me, HttpServletResponse response) throws IOException {
        Kpis.Satisfaction s = DashboardController.compute(kpis, from, to, region, me).satisfaction();
        try (TableExport out = new TableExport(response, TableExport.Format.of(format), "satisfaction",
                s.trend().size(), List.of("WEEK".equals(s.bucket()) ? "周 week" : "日期 day", "评价数 answers",
                        "平均分 average", "低分数 low (<=" + s.lowScore() + ")", "低分占比 low_share"))) {
            for (Kpis.SatisfactionPoint p : s.trend()) {
                out.row(p.start().toString(), p.answers(), p.average(), p.low(), p.lowShare());
            }
        }
    }
}
