package org.aftersaleshub.console;

import java.util.List;
import org.aftersaleshub.deadletter.DeadLetterFilter;
import org.aftersaleshub.deadletter.DeadLetterService;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.timeline.TimelineEntry;
import org.aftersaleshub.timeline.TimelineService;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.sla.TicketLabels;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** 工单: the ticket list with filters and paging, and one ticket with its timeline (exports: ExportController). */
@Controller
class TicketPagesController extends ConsolePage {

    static final int PAGE_SIZE = 20;

    private final ConsoleTickets tickets;
    private final TimelineService timelines;
    private final DeadLetterService deadLetters;
    private final ConsoleProperties properties;
    private final TicketService ticketService;
    private final AuditLog audit;
    private final TicketLabels labels;

    TicketPagesController(ConsoleTickets tickets, TimelineService timelines, DeadLetterService deadLetters,
            ConsoleProperties properties, TicketService ticketService, AuditLog audit, TicketLabels labels) {
        this.labels = labels;
        this.tickets = tickets;
        this.timelines = timelines;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.ticketService = ticketService;
        this.audit = audit;
    }

    /** 派单: assign or reassign a NEW / ASSIGNED ticket in the person's scope (admin, supervisor). */
    @PostMapping("/console/tickets/{id}/assign")
    String assign(@PathVariable String id, @RequestParam(required = false) String assignee,
            @AuthenticationPrincipal ConsolePrincipal me, RedirectAttributes flash) {
        requireChange(me);
        String who = assignee == null ? "" : assignee.trim();
        if (!who.matches("[\\p{L}\\p{N}._@-]{1,64}")) {
            throw new BadInput("assignee", "1..64 letters, digits, . _ @ -");
        }
        tickets.get(id, me).orElseThrow(() -> new NotFound("ticket " + id));
        ticketService.assign(id, who, me.actor());
        audit.record(me.actor(), "ticket.assign", "ticket/" + id, "assignee=" + who);
        flash.addFlashAttribute("assigned", who);
        return "redirect:/console/tickets/" + id;
    }

    @GetMapping("/console/tickets")
    String list(TicketSearch search, @RequestParam(defaultValue = "0") int page,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal ConsolePrincipal me, Model model) {
        search.validate();
        if (page < 0 || page > 100_000) {
            throw new BadInput("page", "0..100000");
        }
        model.addAttribute("search", search);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("result", tickets.search(search, me, properties.timeZone(), page, PAGE_SIZE));
        // htmx swaps only the results when the filters change, the rest of the page stays
        return htmx != null ? "console/tickets :: results" : "console/tickets";
    }

    @GetMapping("/console/tickets/{id}")
    String ticket(@PathVariable String id, @AuthenticationPrincipal ConsolePrincipal me, Model model) {
        if (id.length() > 36) {
            throw new BadInput("id", "at most 36 characters");
        }
        ConsoleTickets.Row ticket = tickets.get(id, me).orElseThrow(() -> new NotFound("ticket " + id));
        List<TimelineEntry> timeline = timelines.timeline(id).orElse(List.of());
        model.addAttribute("ticket", ticket);
        model.addAttribute("timeline", timeline);
        model.addAttribute("labels", labels.of(id));
        model.addAttribute("deadLetters", deadLetters.list(new DeadLetterFilter(null, null, null, null, id, null,
                null), 0, 100).items());
        return "console/ticket";
    }
}
