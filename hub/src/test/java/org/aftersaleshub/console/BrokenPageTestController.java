package org.aftersaleshub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Test-only console page whose template fails while it renders (a value's getter throws after the page has
 * written more than a response buffer), for {@link ConsoleErrorPageTest}. Found by component scanning of the test
 * classes; it exists in test contexts only.
 */
@Controller
class BrokenPageTestController extends ConsolePage {

    static final String CAUSE = "render-failure-detail-that-must-not-leak";

    /** Its getter fails, as a template expression over a bad value would. */
    public static final class Broken {
        public String getValue() {
            throw new IllegalStateException(CAUSE);
        }
    }

    @GetMapping("/console/test/broken")
    String broken(Model model) {
        model.addAttribute("broken", new Broken());
        return "console/test-broken";
    }
}
