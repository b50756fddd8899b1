package org.aftersaleshub.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.budget.QuotaUsages;
import org.aftersaleshub.connectors.ConnectorsController;
import org.aftersaleshub.ops.QueueBacklog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * 连接器与管道: each connector instance (validation, connectivity, token times — never the token — and rate budget,
 * as {@code GET /api/v1/connectors} lists them), quota counts, retry state per route and target from the delivery
 * journal ({@link ConsoleRetries}), the route queues as the last broker sample saw them, and the outbox lag. Reads only what is already sampled: opening the page does not call the connectors.
 */
@Controller
class PipelinePageController extends ConsolePage {

    record OutboxLag(long unpublished, Instant oldestCreatedAt, double oldestAgeSeconds) {
    }

    private final ObjectProvider<ConnectorsController> connectors;
    private final ObjectProvider<QueueBacklog> queues;
    private final ObjectProvider<QuotaUsages> quotas;
    private final JdbcTemplate jdbc;
    private final ConsoleProperties properties;
    private final ConsoleRetries retries;

    PipelinePageController(ObjectProvider<ConnectorsController> connectors, ObjectProvider<QueueBacklog> queues,
            ObjectProvider<QuotaUsages> quotas, JdbcTemplate jdbc, ConsoleProperties properties,
            ConsoleRetries retries) {
        this.retries = retries;
        this.connectors = connectors;
        this.queues = queues;
        this.quotas = quotas;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @GetMapping("/console/pipeline")
    String pipeline(Model model) {
        Instant now = Instant.now();
        ConnectorsController c = connectors.getIfAvailable();
        model.addAttribute("instances", c == null ? List.of() : c.list(false).instances());
        QueueBacklog q = queues.getIfAvailable();
        QueueBacklog.Snapshot snapshot = q == null ? new QueueBacklog.Snapshot(null, Map.of(), "not running")
                : q.snapshot();
        model.addAttribute("queues", snapshot);
        model.addAttribute("now", now);
        QuotaUsages u = quotas.getIfAvailable();
        model.addAttribute("quotas", u == null ? List.of() : u.snapshot().quotas().values());
        model.addAttribute("outbox", jdbc.queryForObject("select count(*), min(created_at) from outbox"
                + " where published_at is null", (rs, i) -> {
                    Timestamp oldest = rs.getTimestamp(2);
                    Instant at = oldest == null ? null : oldest.toInstant();
                    return new OutboxLag(rs.getLong(1), at,
                            at == null ? 0 : Math.max(0, (now.toEpochMilli() - at.toEpochMilli()) / 1000.0));
                }));
        model.addAttribute("retries", retries.states(now));
        model.addAttribute("artemisConsoleUrl", properties.artemisConsoleUrl());
        return "console/pipeline";
    }
}
