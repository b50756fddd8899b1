package org.aftersaleshub.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Console pages are Chinese unless the person chose English (cookie {@code hub-console-lang=en}, set by
 * {@code /console/lang/en}); every other path keeps the request's Accept-Language, as Spring's default does.
 */
public class ConsoleLocaleResolver implements LocaleResolver {

    static final String COOKIE = "hub-console-lang";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/console")) {
            return request.getLocale();
        }
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && "en".equals(c.getValue())) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Cookie c = new Cookie(COOKIE, locale != null && "en".equals(locale.getLanguage()) ? "en" : "zh");
        c.setPath(request.getContextPath().isEmpty() ? "/console" : request.getContextPath() + "/console");
        c.setHttpOnly(true);
        c.setMaxAge(365 * 24 * 3600);
        c.setAttribute("SameSite", "Lax");
        response.addCookie(c);
    }
}
