package org.aftersaleshub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** Sign-in page, the start page, the 403 page and the language switch. */
@Controller
class ConsoleHomeController extends ConsolePage {

    private final LocaleResolver locales;

    ConsoleHomeController(LocaleResolver locales) {
        this.locales = locales;
    }

    @GetMapping({"/", "/console", "/console/"})
    String home() {
        return "redirect:/console/dashboard";
    }

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login() {
        return "console/login";
    }

    /** Where the security chain forwards a refused browser request (any method). */
    @RequestMapping("/console/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }

    /** Switches the language and goes back to the page (only console pages, so this cannot redirect elsewhere). */
    @GetMapping("/console/lang/{lang}")
    String language(@PathVariable String lang, @RequestParam(required = false) String back,
            HttpServletRequest request, HttpServletResponse response) {
        locales.setLocale(request, response, "en".equals(lang) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
        boolean safe = back != null && back.startsWith("/console") && !back.startsWith("/console/lang")
                && !back.contains("//") && !back.contains("\\") && back.chars().noneMatch(Character::isISOControl);
        return "redirect:" + (safe ? back : "/console/dashboard");
    }
}
