package org.aftersaleshub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.aftersaleshub.imports.FileRefusal;
import org.aftersaleshub.imports.ImportJob;
import org.aftersaleshub.imports.ImportJobs;
import org.aftersaleshub.imports.ImportMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The embedded default's master data — warehouses booked by {@code kingdee-demo}, the 50 demo parts with their
 * Kingdee codes, the demo customers and their devices — loaded at every start through the same importer a user's
 * spreadsheet goes through ({@code demo/master-data/*.csv}, Chinese headers, UTF-8 with BOM). A re-import changes
 * nothing, so a restart leaves rows edited since the last start as the file has them, and nothing else.
 *
 * <p>Runs after the connector instances started (the warehouses name {@code kingdee-demo}) and before the demo
 * feeder's first ticket (a lifecycle phase just before it). A refused file stops the start: the shipped demo data
 * being wrong is a bug to see at once, not a WARN line.
 */
@Component
@ConditionalOnProperty(name = "hub.demo.mocks.enabled", havingValue = "true")
class DemoMasterData implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoMasterData.class);
    /** References first: parts and warehouses stand alone, a device names its customer. */
    static final List<String> ENTITIES = List.of("warehouses", "parts", "customers", "devices");

    private final ImportJobs imports;
    private volatile boolean running;

    DemoMasterData(ImportJobs imports) {
        this.imports = imports;
    }

    @Override
    public void start() {
        for (String entity : ENTITIES) {
            String file = "demo/master-data/" + entity + ".csv";
            try (InputStream in = new ClassPathResource(file).getInputStream()) {
                ImportJob job = imports.runNow(entity, in, entity + ".csv", ImportMode.ALL_OR_NOTHING, "demo");
                if (job.state() != ImportJob.State.SUCCEEDED) {
                    throw new IllegalStateException("demo master data " + file + " was not imported: " + job.state()
                            + " " + job.errorSummary());
                }
                log.info("Demo master data {}: {} rows ({} new, {} changed, {} unchanged), import job {}", entity,
                        job.rowsTotal(), job.created(), job.updated(), job.unchanged(), job.id());
            } catch (FileRefusal e) {
                throw new IllegalStateException("demo master data " + file + " refused: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("demo master data " + file + " unreadable", e);
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just before the demo feeder (default phase), after the broker, Camel and the connector instances. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
