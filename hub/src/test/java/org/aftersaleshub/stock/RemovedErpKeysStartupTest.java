package org.aftersaleshub.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aftersaleshub.HubApplication;
import org.aftersaleshub.connectors.ConnectorConfigurationException;
import org.aftersaleshub.connectors.ConnectorConfigurationFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A hub that still sets the removed {@code hub.erp.warehouses} or {@code hub.erp.default-instance} refuses to start,
 * naming each key and where its setting moved (the master data), instead of starting and booking nothing.
 */
class RemovedErpKeysStartupTest {

    @TempDir
    Path dir;

    @Test
    void aLeftoverWarehouseMappingOrDefaultInstanceStopsTheStartNamingTheKeyAndTheFix() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + dir.resolve("data"), "--hub.routes-dir=" + dir.resolve("routes"),
                "--hub.demo.enabled=false", "--hub.demo.mocks.enabled=false", "--server.port=0",
                "--hub.erp.connector=", "--hub.erp.warehouses.WH03=u8-bj", "--hub.erp.default-instance=kingdee-sh")
                .close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ConnectorConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("the start must fail on the removed keys, not elsewhere: " + failure)
                .isInstanceOf(ConnectorConfigurationException.class);
        ConnectorConfigurationException e = (ConnectorConfigurationException) cause;
        assertThat(e.problems()).extracting(p -> p.key())
                .containsExactly("hub.erp.warehouses.WH03", "hub.erp.default-instance");
        String shown = new ConnectorConfigurationFailureAnalyzer().analyze(failure).getAction();
        assertThat(shown).contains("hub.erp.warehouses.WH03 [removed]").contains("hub.erp.default-instance [removed]")
                .contains("moved to master data").contains("/api/v1/warehouses").contains("docs/import.md");
    }
}
