package org.aftersaleshub.console;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's security chain, for {@code /} and {@code /console/**} only, ahead of the API's chain (which has no
 * path matcher and so takes everything else, unchanged). People sign in with a form; the session cookie
 * authenticates, so every POST needs the CSRF token. Roles are checked here per path and again by the pages for
 * the supervisor's ticket scope. Browsers get the login page or a 403 page; other clients problem+json.
 */
@Configuration
public class ConsoleSecurityConfiguration {

    static final String LOGIN = "/console/login";

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleUsers users, AuditLog audit, ProblemWriter problems)
            throws Exception {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(username -> users.find(username)
                .map(u -> new ConsolePrincipal(u, Instant.now()))
                .orElseThrow(() -> new UsernameNotFoundException("no such console user")));
        dao.setPasswordEncoder(users.encoder());
        ProviderManager manager = new ProviderManager(dao);
        manager.setEraseCredentialsAfterAuthentication(true);

        RequestMatcher browser = browserMatcher();
        AuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint(LOGIN);
        AuthenticationEntryPoint unauthorized = (req, res, e) -> problem(problems, req, res, HttpStatus.UNAUTHORIZED,
                "Sign in at " + LOGIN + " first (需要登录)");
        AccessDeniedHandler denied = (req, res, e) -> {
            if (browser.matches(req)) {
                res.setStatus(HttpStatus.FORBIDDEN.value());
                req.getRequestDispatcher("/console/denied").forward(req, res);
            } else {
                problem(problems, req, res, HttpStatus.FORBIDDEN, "Your console role may not do this (无权限)");
            }
        };
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/console/dashboard");

        http.securityMatcher("/", "/console", "/console/**")
                .authenticationManager(manager)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(LOGIN, "/console/console.css", "/console/*.js", "/console/webjars/**",
                                "/console/lang/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/console", "/console/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/console/dead-letters/**", "/console/tickets/*/assign")
                        .hasAnyRole(ConsoleRole.ADMIN.name(), ConsoleRole.SUPERVISOR.name())
                        .anyRequest().hasRole(ConsoleRole.ADMIN.name()))
                .formLogin(f -> f.loginPage(LOGIN).loginProcessingUrl(LOGIN)
                        .successHandler((req, res, auth) -> {
                            users.recordSuccess(auth.getName());
                            audit.record("console:" + auth.getName(), "console.login", "console-user/" + auth.getName(),
                                    null);
                            success.onAuthenticationSuccess(req, res, auth);
                        })
                        .failureHandler((req, res, e) -> failed(users, audit, req, res, e))
                        .permitAll())
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?logout")
                        .deleteCookies("JSESSIONID").addLogoutHandler(auditLogout(audit)))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .requestCache(c -> c.requestCache(new org.springframework.security.web.savedrequest
                        .HttpSessionRequestCache()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(toLogin, browser)
                        .defaultAuthenticationEntryPointFor(unauthorized, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(denied))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self';"
                                + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none';"
                                + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .frameOptions(fo -> fo.deny()));
        return http.build();
    }

    /** Requests from a browser page (they accept HTML); htmx and scripts asking for JSON get problems. */
    static RequestMatcher browserMatcher() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return html;
    }

    private static void failed(ConsoleUsers users, AuditLog audit, HttpServletRequest req, HttpServletResponse res,
            AuthenticationException e) throws IOException {
        String username = safeName(req.getParameter("username"));
        if (e instanceof LockedException) {
            audit.record("console:" + username, "console.login-refused-locked", "console-user/" + username, null);
            res.sendRedirect(req.getContextPath() + LOGIN + "?locked");
            return;
        }
        boolean lockedNow = users.find(username).isPresent() && users.recordFailure(username);
        audit.record("console:" + username, "console.login-failed", "console-user/" + username, null);
        if (lockedNow) {
            audit.record("system", "console.lockout", "console-user/" + username, "after repeated failed sign-ins");
            res.sendRedirect(req.getContextPath() + LOGIN + "?locked");
            return;
        }
        res.sendRedirect(req.getContextPath() + LOGIN + "?error");
    }

    private static LogoutHandler auditLogout(AuditLog audit) {
        return (HttpServletRequest req, HttpServletResponse res, Authentication auth) -> {
            if (auth != null) {
                audit.record("console:" + auth.getName(), "console.logout", "console-user/" + auth.getName(), null);
            }
        };
    }

    /** The typed user name for the audit log: at most 64 characters, no control characters. */
    static String safeName(String typed) {
        if (typed == null) {
            return "";
        }
        String clean = typed.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static void problem(ProblemWriter problems, HttpServletRequest req, HttpServletResponse res,
            HttpStatus status, String detail) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(java.net.URI.create("urn:aftersales-hub:problem:" + (status == HttpStatus.UNAUTHORIZED
                ? "unauthorized" : "forbidden")));
        p.setTitle(status.getReasonPhrase());
        problems.write(req, res, p);
    }
}
