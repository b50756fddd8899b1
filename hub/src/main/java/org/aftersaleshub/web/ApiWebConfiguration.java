package org.aftersaleshub.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC settings of the API's HTTP edge. */
@Configuration
public class ApiWebConfiguration implements WebMvcConfigurer {

    /**
     * Strict query parameters on the API only: callbacks (IM, CRM) carry the vendor's parameters, and a vendor may
     * add one at any time without the callback becoming wrong.
     */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new KnownQueryParameters()).addPathPatterns("/api/**");
    }
}
