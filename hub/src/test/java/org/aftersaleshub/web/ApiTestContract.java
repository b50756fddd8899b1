package org.aftersaleshub.web;

import org.aftersaleshub.security.ApiScope;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a test interface may ask of the class running it (H2 or PostgreSQL base). */
public interface ApiTestContract {

    ApiTestClient client(String name, ApiScope... scopes);

    ApiTestClient writer();

    ApiTestClient anonymous();

    JdbcTemplate jdbc();

    /** A bean of the running hub (for contracts whose checks need one beyond the API and the database). */
    <T> T bean(Class<T> type);
}
