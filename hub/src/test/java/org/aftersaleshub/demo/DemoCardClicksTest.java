package org.aftersaleshub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aftersaleshub.notify.ImInstances;
import org.aftersaleshub.staff.PreferredChannel;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The demo's clicks go to the mocks the connectors are configured with, not to fixed ports. */
class DemoCardClicksTest {

    @Test
    void theMockUrlsAreTheNotifyingInstancesBaseUrls() {
        ImInstances instances = mock(ImInstances.class);
        when(instances.forChannel(PreferredChannel.DINGTALK)).thenReturn(Optional.of("dingtalk-x"));
        when(instances.forChannel(PreferredChannel.WECOM)).thenReturn(Optional.of("wecom-x"));
        MockEnvironment env = new MockEnvironment()
                .withProperty("hub.connectors.dingtalk-x.base-url", "http://127.0.0.1:41234/")
                .withProperty("hub.connectors.wecom-x.base-url", "http://mocks.local:41235");

        assertThat(DemoCardClicks.MockUrls.of(env, instances))
                .isEqualTo(new DemoCardClicks.MockUrls("http://127.0.0.1:41234", "http://mocks.local:41235"));
    }

    @Test
    void withoutADingTalkOrWeComInstanceTheDemoPortsRemain() {
        ImInstances instances = mock(ImInstances.class);
        when(instances.forChannel(PreferredChannel.DINGTALK)).thenReturn(Optional.empty());
        when(instances.forChannel(PreferredChannel.WECOM)).thenReturn(Optional.of("wecom-x"));

        assertThat(DemoCardClicks.MockUrls.of(new MockEnvironment(), instances))
                .isEqualTo(DemoCardClicks.MockUrls.DEMO_PORTS);
    }

    @Test
    void aClickLooksForTheCardAtTheConfiguredMocks() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            DemoCardClicks clicks = new DemoCardClicks(HttpClient.newHttpClient(), new ObjectMapper(),
                    new DemoCardClicks.MockUrls(base + "/dingtalk", base + "/wecom"));

            assertThat(clicks.click("t-1", "T20261207-000001", "accept")).as("no card at either mock").isFalse();
            assertThat(asked).containsExactly("GET /dingtalk/mock-admin/cards", "GET /wecom/mock-admin/template-cards");
        } finally {
            server.stop(0);
        }
    }
}
