package org.aftersaleshub.console;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Webjars under {@code /console/webjars/} (inside the console's chain, versionless through the lite locator). */
@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true);
    }

    /** Just outside Spring Security's filters (order -100), so it also sees what fails inside them. */
    @Bean
    FilterRegistrationBean<ConsoleFailureFilter> consoleFailureFilter() {
        FilterRegistrationBean<ConsoleFailureFilter> r = new FilterRegistrationBean<>(new ConsoleFailureFilter());
        r.addUrlPatterns("/console/*");
        r.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return r;
    }

    /** Named so it replaces Spring's default resolver; only {@code /console} paths behave differently. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        return new ConsoleLocaleResolver();
    }
}
