package org.aftersaleshub.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.rules.RulesConfiguration.CheckedRuleFiles;
import org.aftersaleshub.rules.RulesProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The dispatch rules in force: read once at start, after the start-up check passed. With
 * {@code hub.rules.reload-interval} (the dev profile) the file is read again on that period and a change that
 * validates replaces the rules; one that does not is logged and ignored. In production a change is validate →
 * restart (docs/rules.md): every instance then runs the same rules.
 */
@Component
public class DispatchRules implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DispatchRules.class);

    private final DispatchRulesFile file;
    private final Path dir;
    private volatile Optional<DispatchRuleSet> current;
    private ScheduledExecutorService reloader;

    public DispatchRules(DispatchRulesFile file, CheckedRuleFiles checked, RulesProperties props) {
        this.file = file;
        this.dir = checked.dir();
        this.current = file.load(dir);
        if (current.isPresent()) {
            log.info("Dispatch rules: {} rule(s) from {}", current.get().rules().size(),
                    dir.resolve(DispatchRulesFile.NAME));
        } else {
            log.warn("No {}: new tickets are not dispatched automatically", dir.resolve(DispatchRulesFile.NAME));
        }
        Duration every = props.reloadInterval();
        if (!every.isZero() && !every.isNegative()) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dispatch-rules-reload");
                t.setDaemon(true);
                return t;
            });
            reloader.scheduleWithFixedDelay(this::reload, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The rules in force; empty when there is no dispatch.yaml (dispatch is off). */
    public Optional<DispatchRuleSet> current() {
        return current;
    }

    /** Reads the file again (dev reload); keeps the rules in force when the file does not validate. */
    void reload() {
        try {
            Optional<DispatchRuleSet> fresh = file.load(dir);
            if (!fresh.equals(current)) {
                current = fresh;
                log.info("Dispatch rules reloaded: {} rule(s)", fresh.map(r -> r.rules().size()).orElse(0));
            }
        } catch (RuntimeException e) {
            log.warn("Dispatch rules not reloaded, the rules in force stay: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }
}
