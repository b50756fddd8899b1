package org.aftersaleshub.mock;

import java.util.Set;
import org.aftersaleshub.mock.support.MockSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: starts the named mocks on free ports before all tests, resets them (state, faults,
 * clock) before each test and stops them after all.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MockSystemsExtension mocks = MockSystemsExtension.of("kingdee");
 * ... mocks.get(KingdeeMock.class).state() ...
 * }</pre>
 */
public final class MockSystemsExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Set<String> names;
    private MockSystems running;

    private MockSystemsExtension(Set<String> names) {
        this.names = names;
    }

    /** The named mocks; none named means all. */
    public static MockSystemsExtension of(String... names) {
        return new MockSystemsExtension(Set.of(names));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = MockSystems.start(names, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        running.resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (running != null) {
            running.close();
        }
    }

    public MockSystem get(String name) {
        return running.get(name);
    }

    public <T extends MockSystem> T get(Class<T> type) {
        return running.get(type);
    }
}
