package org.aftersaleshub.demo;

import java.util.LinkedHashSet;
import java.util.List;
import org.aftersaleshub.mock.MockSystems;
import org.aftersaleshub.mock.fxiaoke.FxiaokeMock;
import org.aftersaleshub.mock.support.MockSystem;
import org.aftersaleshub.mock.wecom.WeComMock;
import org.aftersaleshub.connectors.ConnectorInstancesConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default runs the mock external systems in-process on their fixed ports (Kingdee 18081, U8 18082,
 * YonBIP 18083, DingTalk 18084, WeCom 18085, FXiaoKe 18086) with the demo data, and the connectors point at them
 * (see application.yaml). Started before the ERP connector. Off in profile prod.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.mocks.enabled", havingValue = "true")
@EnableConfigurationProperties(DemoMockSystems.Settings.class)
public class DemoMockSystems implements ConnectorInstancesConfiguration.StartsBeforeConnectors, DisposableBean {

    /**
     * {@code hub.demo.mocks.*}.
     *
     * @param enabled start mocks in-process (default false; true in the embedded default's application.yaml)
     * @param systems which mocks (default all six)
     */
    @ConfigurationProperties("hub.demo.mocks")
    public record Settings(boolean enabled, List<String> systems) {
        public Settings {
            systems = systems == null ? List.of() : List.copyOf(systems);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DemoMockSystems.class);
    private final MockSystems running;

    public DemoMockSystems(Settings settings) {
        try {
            running = MockSystems.start(new LinkedHashSet<>(settings.systems()), false);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot start the demo mock systems (hub.demo.mocks.enabled=true): "
                    + e.getMessage() + ". Is another hub or `mock-systems exec:java` already using ports"
                    + " 18081-18086? Stop it, or set hub.demo.mocks.enabled=false.", e);
        }
        for (MockSystem m : running.all().values()) {
            log.info("Demo mock {} on {} (admin API {}/mock-admin/state)", m.name(), m.baseUrl(), m.baseUrl());
        }
    }

    /**
     * The WeCom mock's demo app posts card clicks and the FXiaoKe mock its data-change events to this hub (a real app
     * has its callback URL set in the admin console); the DingTalk mock learns its URL from the connector's callback route registration at start.
     */
    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        for (MockSystem m : running.all().values()) {
            if (m instanceof WeComMock wecom) {
                wecom.settings().callback.url = "http://127.0.0.1:" + event.getWebServer().getPort()
                        + "/callbacks/wecom/wecom-demo";
            }
            if (m instanceof FxiaokeMock crm) {
                // the CRM's data-change callback URL (registered with the aesKey in a real tenant)
                crm.settings().callback.url = "http://127.0.0.1:" + event.getWebServer().getPort()
                        + "/callbacks/crm/crm-demo";
            }
        }
    }

    @Override
    public void destroy() {
        running.close();
    }
}
