package org.aftersaleshub.web;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context of the hub the {@link ErrorBodyAudit} filter, first in the chain (before the
 * security filters, so 401/403 answers are seen too) and on error dispatches. Registered in
 * {@code META-INF/spring.factories} of the test classpath, so no test has to ask for it.
 */
public class ErrorBodyAuditCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    /** The same for every context, so it does not split Spring's context cache. */
    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            FilterRegistrationBean<ErrorBodyAudit> filter = new FilterRegistrationBean<>(new ErrorBodyAudit());
            filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
            filter.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
            filter.addUrlPatterns("/*");
            context.getBeanFactory().registerSingleton("errorBodyAudit", filter);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
