package org.aftersaleshub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which scope each path needs, in one list: the security chain is built from it and the 403 answer names the
 * missing scope from it. First match wins; paths not listed need any valid key.
 */
final class ScopeRules {

    /** One rule: requests matching {@code matcher} need {@code scope}, or nothing when {@code scope} is null. */
    record Rule(RequestMatcher matcher, ApiScope scope, String description) {
    }

    private final List<Rule> rules;

    ScopeRules(HubSecurityProperties properties) {
        PathPatternRequestMatcher.Builder p = PathPatternRequestMatcher.withDefaults();
        List<Rule> r = new ArrayList<>();
        for (String open : List.of("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                "/swagger-ui/**", "/swagger-ui.html", "/error")) {
            r.add(new Rule(p.matcher(open), null, open));
        }
        // IM callbacks carry no API key: each proves itself with the platform's signature (imcallback package)
        r.add(new Rule(p.matcher("/callbacks/**"), null, "/callbacks/**"));
        // the engineer's field page carries no API key either: its signed, expiring link is the proof (fieldpage package)
        r.add(new Rule(p.matcher("/field/**"), null, "/field/**"));
        // the rule files' JSON Schemas are documentation, fetched by editors that hold no key (rules package)
        r.add(new Rule(p.matcher(HttpMethod.GET, "/rules-schema/**"), null, "GET /rules-schema/**"));
        // the customer's survey page: its signed, expiring link is the proof (survey package)
        r.add(new Rule(p.matcher("/survey/**"), null, "/survey/**"));
        properties.publicPaths().forEach(open -> r.add(new Rule(p.matcher(open), null, open)));
        // Health is open for the load balancer's probes; what it shows depends on the caller
        // (management.endpoint.health.show-details: when-authorized, roles: SCOPE_admin): status only without admin.
        // The hub's metrics are for a scraper's metrics:read key (admin implies it), never anonymous unless the
        // operator says so for a scraper inside a trusted network.
        r.add(new Rule(p.matcher("/actuator/prometheus"), properties.prometheusPublic() ? null : ApiScope.METRICS_READ,
                "/actuator/prometheus"));
        for (String metrics : List.of("/actuator/metrics", "/actuator/metrics/**", "/actuator/info")) {
            r.add(new Rule(p.matcher(metrics), ApiScope.METRICS_READ, metrics));
        }
        r.add(new Rule(p.matcher(HttpMethod.GET, "/api/v1/tickets/**"), ApiScope.TICKETS_READ,
                "GET /api/v1/tickets/**"));
        r.add(new Rule(p.matcher(HttpMethod.POST, "/api/v1/tickets/**"), ApiScope.TICKETS_WRITE,
                "POST /api/v1/tickets/**"));
        r.add(new Rule(p.matcher(HttpMethod.GET, "/api/v1/parts/**"), ApiScope.TICKETS_READ,
                "GET /api/v1/parts/**"));
        // Master data: whoever reads tickets may read the customers, devices, parts and warehouses they refer to;
        // changing them (and importing files) takes masterdata:write.
        for (String md : List.of("/api/v1/customers/**", "/api/v1/devices/**", "/api/v1/warehouses/**")) {
            r.add(new Rule(p.matcher(HttpMethod.GET, md), ApiScope.TICKETS_READ, "GET " + md));
        }
        for (String md : List.of("/api/v1/customers/**", "/api/v1/devices/**", "/api/v1/parts/**",
                "/api/v1/warehouses/**", "/api/v1/imports/**")) {
            r.add(new Rule(p.matcher(md), ApiScope.MASTERDATA_WRITE, md));
        }
        // Whoever reads tickets may see who works on them; changing the directory is an admin's job.
        r.add(new Rule(p.matcher(HttpMethod.GET, "/api/v1/staff/**"), ApiScope.TICKETS_READ,
                "GET /api/v1/staff/**"));
        r.add(new Rule(p.matcher("/api/v1/staff/**"), ApiScope.ADMIN, "/api/v1/staff/**"));
        r.add(new Rule(p.matcher("/api/v1/dead-letters/**"), ApiScope.ADMIN, "/api/v1/dead-letters/**"));
        r.add(new Rule(p.matcher("/api/v1/admin/**"), ApiScope.ADMIN, "/api/v1/admin/**"));
        r.add(new Rule(p.matcher("/api/v1/connectors/**"), ApiScope.ADMIN, "/api/v1/connectors/**"));
        r.add(new Rule(p.matcher("/actuator/**"), ApiScope.ADMIN, "/actuator/**"));
        this.rules = List.copyOf(r);
    }

    List<Rule> rules() {
        return rules;
    }

    Optional<Rule> match(HttpServletRequest request) {
        return rules.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
