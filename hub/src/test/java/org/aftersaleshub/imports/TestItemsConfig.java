package org.aftersaleshub.imports;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Adds the test-only import target to a test's hub. */
@TestConfiguration
class TestItemsConfig {

    @Bean
    TestItemsTarget testItemsTarget(JdbcTemplate jdbc) {
        return new TestItemsTarget(jdbc);
    }
}
