package org.aftersaleshub.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC settings of the API's HTTP edge. */
@Configuration
public class ApiWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new KnownQueryParameters()).addPathPatterns("/api/**", "/callbacks/**");
    }
}
