package org.aftersaleshub.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.aftersaleshub.mock.support.MockSystem;

/**
 * A running set of mocks. Discovers every {@link MockSystem} listed in
 * {@code META-INF/services/org.aftersaleshub.mock.support.MockSystem}.
 *
 * <pre>{@code
 * try (MockSystems mocks = MockSystems.start(Set.of("kingdee", "dingtalk"), true)) {
 *     String url = mocks.get("kingdee").baseUrl();
 * }
 * }</pre>
 */
public final class MockSystems implements AutoCloseable {

    private final Map<String, MockSystem> running = new LinkedHashMap<>();

    private MockSystems() {
    }

    /** Names of all mocks on the classpath, in discovery order. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(MockSystem.class).forEach(m -> names.add(m.name()));
        return names;
    }

    /**
     * Starts the named mocks (all when {@code names} is empty).
     *
     * @param freePorts {@code true} for free ports (tests), {@code false} for each mock's fixed default port
     */
    public static MockSystems start(Set<String> names, boolean freePorts) {
        MockSystems set = new MockSystems();
        try {
            for (MockSystem m : ServiceLoader.load(MockSystem.class)) {
                if (names.isEmpty() || names.contains(m.name())) {
                    m.start(freePorts ? 0 : m.defaultPort());
                    set.running.put(m.name(), m);
                }
            }
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
        for (String n : names) {
            if (!set.running.containsKey(n)) {
                set.close();
                throw new IllegalArgumentException("no mock named '" + n + "'; available: " + available());
            }
        }
        return set;
    }

    public MockSystem get(String name) {
        MockSystem m = running.get(name);
        if (m == null) {
            throw new IllegalArgumentException("mock '" + name + "' is not running; running: " + running.keySet());
        }
        return m;
    }

    /** The running mock of that class (for typed state access in tests). */
    public <T extends MockSystem> T get(Class<T> type) {
        return running.values().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " is not running"));
    }

    public Map<String, MockSystem> all() {
        return Map.copyOf(running);
    }

    public void resetAll() {
        running.values().forEach(MockSystem::reset);
    }

    @Override
    public void close() {
        running.values().forEach(MockSystem::close);
        running.clear();
    }
}
