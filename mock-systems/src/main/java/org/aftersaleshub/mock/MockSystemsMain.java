package org.aftersaleshub.mock;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.CountDownLatch;
import org.aftersaleshub.mock.support.MockSystem;

/**
 * Standalone launcher: {@code ./mvnw -q -pl mock-systems exec:java} starts every mock on its fixed port with
 * the demo data and prints where each listens. Arguments, if any, name the mocks to start.
 */
public final class MockSystemsMain {

    private MockSystemsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MockSystems mocks = MockSystems.start(new LinkedHashSet<>(Arrays.asList(args)), false);
        Runtime.getRuntime().addShutdownHook(new Thread(mocks::close, "mock-systems-shutdown"));
        System.out.println("aftersales-hub mock systems (admin API under /mock-admin/ on each):");
        for (MockSystem m : mocks.all().values()) {
            System.out.printf("  %-8s %s%n", m.name(), m.baseUrl());
        }
        new CountDownLatch(1).await();
    }
}
