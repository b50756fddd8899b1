package org.aftersaleshub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.support.Database;
import org.aftersaleshub.testsupport.EventFactory;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay on PostgreSQL (profile prod) with several relays competing for the same outbox, as several hub
 * instances do: every event reaches the receiver exactly once and each ticket's events in order. (Fails without
 * the relay lease: competing relays then reorder a ticket's events.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class OutboxRelayPostgresTest {

    static final WebhookReceiver receiver = WebhookReceiver.withHooks("pg");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.postgres(r);
        r.add("spring.artemis.mode", () -> "embedded");
        r.add("spring.artemis.embedded.enabled", () -> "true");
        r.add("hub.outbox.batch-size", () -> "20");
        receiver.register(r);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Autowired
    OutboxWriter outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    Database database;
    @Autowired
    EventsProperties events;
    @Autowired
    OutboxProperties outboxProps;

    @Test
    void competingRelaysKeepEachTicketInOrderAndLoseNothing() throws Exception {
        assertThat(database.isPostgres()).isTrue();
        int tickets = 40;
        int perTicket = 10;
        // two more relays, as two more hub instances would run, next to this context's own
        List<OutboxRelay> others = List.of(newRelay(), newRelay());
        AtomicBoolean producing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> relayLoops = new ArrayList<>();
        for (OutboxRelay relay : others) {
            relayLoops.add(pool.submit(() -> {
                while (producing.get() || relay.unpublishedCount() > 0) {
                    relay.relayOnce();
                }
            }));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        EventFactory factory = new EventFactory(outbox, tx);
        List<Future<?>> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            List<String> mine = ids.subList(p * tickets / 4, (p + 1) * tickets / 4);
            producers.add(pool.submit(() -> {
                for (long seq = 1; seq <= perTicket; seq++) {
                    for (String t : mine) {
                        factory.statusChange(t, seq);
                    }
                }
            }));
        }
        for (Future<?> f : producers) {
            f.get();
        }
        producing.set(false);
        for (Future<?> f : relayLoops) {
            f.get();
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.deliveries().size() >= tickets * perTicket);
        List<Long> expected = LongStream.rangeClosed(1, perTicket).boxed().toList();
        for (String t : ids) {
            assertThat(receiver.sequencesOf(t)).as("ticket " + t).isEqualTo(expected);
        }
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::eventId).doesNotHaveDuplicates()
                .hasSize(tickets * perTicket);
        assertThat(jdbc.queryForObject("select count(*) from outbox where published_at is null", Long.class)).isZero();
    }

    private OutboxRelay newRelay() {
        return new OutboxRelay(jdbc, tx, connectionFactory, database, events, outboxProps, new SimpleMeterRegistry());
    }
}
