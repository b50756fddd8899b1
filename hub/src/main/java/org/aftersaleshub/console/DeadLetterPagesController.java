package org.aftersaleshub.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 死信: list with filters, the original message beside the last error; replay one, or all that match the filters
 * after a confirmation page that says how many. Viewers see no buttons, and the server refuses their POSTs.
 */
@Controller
class DeadLetterPagesController extends ConsolePage {

    private final ConsoleDeadLetters deadLetters;

    DeadLetterPagesController(ConsoleDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/console/dead-letters")
    String list(DeadLetterSearch search, @RequestParam(defaultValue = "0") int page,
            @AuthenticationPrincipal ConsolePrincipal me, Model model) {
        search.validate();
        if (page < 0 || page > 100_000) {
            throw new BadInput("page", "0..100000");
        }
        model.addAttribute("search", search);
        model.addAttribute("result", deadLetters.list(search, me, page, 20));
        return "console/dead-letters";
    }

    @PostMapping("/console/dead-letters/{id}/replay")
    String replay(@PathVariable long id, @RequestParam(required = false) String back,
            @AuthenticationPrincipal ConsolePrincipal me, RedirectAttributes flash) {
        requireChange(me);
        deadLetters.replay(id, me).orElseThrow(() -> new NotFound("dead letter " + id));
        flash.addFlashAttribute("replayedOne", id);
        return "redirect:" + (back != null && back.matches("/console/tickets/[A-Za-z0-9-]{1,36}") ? back
                : "/console/dead-letters");
    }

    /** The confirmation: how many OPEN dead letters the filters match (nothing is sent yet). */
    @GetMapping("/console/dead-letters/bulk-replay")
    String confirmBulk(DeadLetterSearch search, @AuthenticationPrincipal ConsolePrincipal me, Model model) {
        requireChange(me);
        search.validate();
        model.addAttribute("search", search.open());
        model.addAttribute("count", deadLetters.countReplayable(search, me));
        model.addAttribute("limit", ConsoleDeadLetters.BULK_LIMIT);
        return "console/bulk-replay";
    }

    @PostMapping("/console/dead-letters/bulk-replay")
    String bulk(DeadLetterSearch search, @AuthenticationPrincipal ConsolePrincipal me, RedirectAttributes flash) {
        requireChange(me);
        search.validate();
        int n = deadLetters.replayMatching(search, me);
        flash.addFlashAttribute("replayedMany", n);
        return "redirect:/console/dead-letters?" + search.open().query();
    }
}
