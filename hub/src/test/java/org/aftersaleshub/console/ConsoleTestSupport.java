package org.aftersaleshub.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.aftersaleshub.ticket.TicketService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub for the console tests (HTTP and browser): H2, the repository's outbound-webhook route to two receivers,
 * "good" and "flaky", two attempts before a dead letter. The flaky hook's secret and the token key are canaries that
 * must appear on no page. The receiver lives as long as the shared context (until the test JVM ends).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleTestSupport {

    static final String SECRET_CANARY = "canary-webhook-secret-" + UUID.randomUUID();
    static final String TOKEN_KEY_CANARY = "canary-token-key-" + UUID.randomUUID().toString().replace("-", "");
    static final List<String> CANARIES = List.of(SECRET_CANARY, TOKEN_KEY_CANARY);
    static final String PASSWORD = "correct-horse-battery-9";

    static final WebhookReceiver receiver = new WebhookReceiver(Map.of("good", "good-secret-" + UUID.randomUUID(),
            "flaky", SECRET_CANARY));

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        receiver.register(r);
        r.add("hub.delivery.max-attempts", () -> "2");
        r.add("hub.delivery.initial-backoff-ms", () -> "50");
        r.add("hub.delivery.max-backoff-ms", () -> "100");
        r.add("hub.budgets.token-key", () -> TOKEN_KEY_CANARY);
        r.add("hub.console.max-failures", () -> "3");
    }

    @LocalServerPort
    int port;
    @Autowired
    ConsoleUsers users;
    @Autowired
    TicketService tickets;
    @Autowired
    JdbcTemplate jdbc;

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A user with {@link #PASSWORD}; names are unique per call so tests do not share lockouts. */
    String user(ConsoleRole role, List<String> regions) {
        String name = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, PASSWORD, role, regions, List.of(), "test");
        return name;
    }

    Ticket ticket(String region, String description) {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "C-" + UUID.randomUUID().toString().substring(0, 8),
                null, "制冷异常", description, Priority.NORMAL, region, null, null, null), "test");
    }
}
