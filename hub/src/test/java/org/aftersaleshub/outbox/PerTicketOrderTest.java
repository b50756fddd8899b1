package org.aftersaleshub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.aftersaleshub.testsupport.EventFactory;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Guarantee 3, per-ticket order: 200 tickets × 20 events written concurrently reach the webhook receiver with
 * each ticket's events in sequence order, while different tickets are delivered in parallel (the receiver saw
 * several requests in flight at once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PerTicketOrderTest {

    static final int TICKETS = 200;
    static final int EVENTS_PER_TICKET = 20;
    static final WebhookReceiver receiver = WebhookReceiver.withHooks("order");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        HubTestDatabases.h2(r);
        r.add("hub.webhooks.consumers", () -> "4");
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

    @Test
    void eachTicketsEventsArriveInOrderAndTicketsRunInParallel() throws Exception {
        receiver.answer(200, 2); // a receiver that takes a little time, as real ones do
        EventFactory events = new EventFactory(outbox, tx);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            tickets.add(UUID.randomUUID().toString());
        }
        ExecutorService producers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            List<String> mine = tickets.subList(p * TICKETS / 8, (p + 1) * TICKETS / 8);
            // round-robin over this producer's tickets, so the outbox interleaves tickets as real traffic does
            done.add(producers.submit(() -> {
                for (long seq = 1; seq <= EVENTS_PER_TICKET; seq++) {
                    for (String t : mine) {
                        events.statusChange(t, seq);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        producers.shutdown();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> receiver.deliveries().size() >= TICKETS * EVENTS_PER_TICKET);

        List<Long> expected = LongStream.rangeClosed(1, EVENTS_PER_TICKET).boxed().toList();
        for (String t : tickets) {
            assertThat(receiver.sequencesOf(t)).as("arrival order of ticket " + t).isEqualTo(expected);
        }
        assertThat(receiver.deliveries()).hasSize(TICKETS * EVENTS_PER_TICKET)
                .allSatisfy(d -> {
                    assertThat(d.signatureValid()).as("signature").isTrue();
                    assertThat(d.idempotencyKey()).isEqualTo(d.eventId());
                });
        assertThat(receiver.maxInFlight()).as("requests in flight at once (parallel tickets)").isGreaterThanOrEqualTo(3);
        System.out.printf("per-ticket order: %d deliveries, max in flight %d%n", receiver.deliveries().size(),
                receiver.maxInFlight());
    }
}
