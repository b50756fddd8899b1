package org.aftersaleshub.security;

import jakarta.servlet.DispatcherType;
import org.aftersaleshub.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API's security chain: stateless (no session, no CSRF, since no cookies authenticate anything), API keys only,
 * scopes per path from {@link ScopeRules}, 401/403 as problem+json.
 */
@Configuration
public class ApiSecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider provider, ProblemWriter problems,
            HubSecurityProperties properties) throws Exception {
        ScopeRules scopeRules = new ScopeRules(properties);
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProviderManager manager = new ProviderManager(provider);
        manager.setEraseCredentialsAfterAuthentication(true);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ProblemAccessDeniedHandler(problems, scopeRules)))
                .addFilterBefore(new ApiKeyAuthenticationFilter(manager, entryPoint),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    // Error dispatches render a problem for a request that was already authorised (or refused).
                    a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (ScopeRules.Rule rule : scopeRules.rules()) {
                        if (rule.scope() == null) {
                            a.requestMatchers(rule.matcher()).permitAll();
                        } else {
                            a.requestMatchers(rule.matcher()).hasAuthority(rule.scope().authority());
                        }
                    }
                    a.anyRequest().authenticated();
                });
        return http.build();
    }
}
