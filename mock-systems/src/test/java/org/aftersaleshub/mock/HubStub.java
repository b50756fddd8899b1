package org.aftersaleshub.mock;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * The hub's side of a callback test: a WireMock server on 127.0.0.1 and a free port that plays the hub's callback
 * endpoints (stub the replies, then read what the mock sent). Register it as an instance field,
 * {@code @RegisterExtension WireMockExtension hub = HubStub.perTest();}, so every test starts with a fresh server
 * that is stopped after it.
 */
public final class HubStub {

    private HubStub() {
    }

    /** A hub stand-in started before and stopped after each test (when held in an instance field). */
    public static WireMockExtension perTest() {
        return WireMockExtension.newInstance()
                .options(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"))
                .build();
    }
}
