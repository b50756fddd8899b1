package org.aftersaleshub.web;

import java.util.List;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Fails the test during which the hub wrote an error body that breaks the problem rules ({@link ErrorBodyAudit}).
 * Registered in {@code META-INF/spring.factories} of the test classpath for every Spring test.
 */
public class ErrorBodyAuditListener extends AbstractTestExecutionListener {

    @Override
    public void afterTestMethod(TestContext testContext) {
        fail("during " + testContext.getTestClass().getSimpleName() + "." + testContext.getTestMethod().getName());
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        fail("around the tests of " + testContext.getTestClass().getSimpleName());
    }

    private static void fail(String when) {
        List<String> findings = ErrorBodyAudit.drain();
        if (!findings.isEmpty()) {
            throw new AssertionError(findings.size() + " error bodies broke the problem rules " + when + ":\n"
                    + String.join("\n", findings));
        }
    }
}
