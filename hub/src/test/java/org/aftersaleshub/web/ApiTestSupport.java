package org.aftersaleshub.web;

import java.util.Set;
import org.aftersaleshub.security.ApiKeyService;
import org.aftersaleshub.security.ApiScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every API test needs: the port, the database and keys with given scopes. */
public abstract class ApiTestSupport implements ApiTestContract {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ApiKeyService apiKeys;
    @Autowired
    private ApplicationContext context;

    /** Creates the directory and returns its path. */
    protected static String emptyDir(java.nio.file.Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A client with a fresh key holding these scopes. */
    public ApiTestClient client(String name, ApiScope... scopes) {
        return new ApiTestClient(port, apiKeys.create(name, Set.of(scopes), "test").key());
    }

    public ApiTestClient writer() {
        return client("test-writer", ApiScope.TICKETS_READ, ApiScope.TICKETS_WRITE);
    }

    public ApiTestClient anonymous() {
        return new ApiTestClient(port, null);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
