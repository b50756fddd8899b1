package org.aftersaleshub.mock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        List<MockSystem> chosen = new ArrayList<>();
        for (MockSystem m : ServiceLoader.load(MockSystem.class)) {
            if (names.isEmpty() || names.contains(m.name())) {
                chosen.add(m);
            }
        }
        // each mock is its own HTTP server with its own state: starting them side by side shortens the embedded
        // hub's start (they were a quarter of it, one after the other)
        ExecutorService starters = Executors.newFixedThreadPool(Math.max(1, chosen.size()));
        List<CompletableFuture<MockSystem>> starts = chosen.stream().map(m -> CompletableFuture.supplyAsync(() -> {
            m.start(freePorts ? 0 : m.defaultPort());
            return m;
        }, starters)).toList();
        starters.shutdown();
        RuntimeException failure = null;
        for (CompletableFuture<MockSystem> start : starts) {
            try {
                MockSystem m = start.join();
                set.running.put(m.name(), m);
            } catch (CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (failure != null) {
            set.close();
            throw failure;
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
