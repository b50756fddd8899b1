package org.aftersaleshub.survey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.aftersaleshub.web.CachedBodyRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The customer's survey page, {@code /survey/<token>}: no API key, the signed link is the proof. One answer per
 * survey: a second one (the link replayed) is 409 with "您已评价过" and changes nothing; a link that is not ours or
 * expired shows "此链接无效或已过期" with 404.
 */
@Controller
class SurveyController {

    private final SurveyService surveys;

    SurveyController(SurveyService surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/survey/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(token, null, null, model, response);
    }

    @PostMapping(path = "/survey/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String answer(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, String> form = formOf(request);
        String comment = form.getOrDefault("comment", "").strip();
        String scoreText = form.getOrDefault("score", "");
        if (!scoreText.matches("[1-5]") || comment.length() > 500) {
            response.setStatus(400);
            return render(token, comment.length() > 500 ? "意见请在 500 字以内" : "请选择 1 到 5 分", comment, model,
                    response);
        }
        if (!surveys.answer(token, Integer.parseInt(scoreText), comment.isEmpty() ? null : comment)) {
            // answered already (a replay of the link, a second tab) or not a valid link: the first score stands
            var page = surveys.page(token).orElse(null);
            response.setStatus(page == null ? 404 : 409);
            model.addAttribute("page", page);
            model.addAttribute("error", page == null ? null : "您已评价过，不能重复提交");
            model.addAttribute("comment", null);
            return "survey/page";
        }
        response.setStatus(303);
        response.setHeader("Location", request.getRequestURI());
        return null;
    }

    private String render(String token, String error, String comment, Model model, HttpServletResponse response) {
        var page = surveys.page(token).orElse(null);
        if (page == null) {
            response.setStatus(404);
        }
        model.addAttribute("page", page);
        model.addAttribute("error", error);
        model.addAttribute("comment", comment);
        return "survey/page";
    }

    private static Map<String, String> formOf(HttpServletRequest request) throws IOException {
        byte[] body = CachedBodyRequest.bodyOf(request);
        String text = new String(body != null ? body : request.getInputStream().readNBytes(16_384),
                StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed pair is left out: the score check then refuses the form
                }
            }
        }
        return form;
    }
}
