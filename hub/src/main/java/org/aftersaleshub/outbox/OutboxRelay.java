package org.aftersaleshub.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.aftersaleshub.messaging.EventsProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.aftersaleshub.support.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to the broker, oldest first.
 *
 * <p>Each cycle, in one database transaction: take the cluster-wide relay lease (on PostgreSQL a transaction-scoped
 * advisory lock, so with several hub instances exactly one relays at a time and the others take over at once when
 * it stops; events of one ticket can therefore never overtake each other between instances), lock the oldest
 * unpublished rows, send them in one broker transaction with {@code JMSXGroupID} = ticket id and
 * {@code _AMQ_DUPL_ID} = event id, commit the broker, then mark the rows published and commit the database. A crash between the two commits re-sends the batch and the broker's
 * duplicate detection drops the copies (one by one: Artemis refuses a whole transaction holding a duplicate); a
 * broker that is down leaves the rows unpublished, in order, until it is back.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long id, String eventId, String ticketId, String eventType, long sequence, String payload) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ConnectionFactory connectionFactory;
    private final Database database;
    private final EventsProperties events;
    private final OutboxProperties props;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Counter published;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile boolean brokerHealthy = true;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, ConnectionFactory connectionFactory,
                       Database database, EventsProperties events, OutboxProperties props, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.connectionFactory = connectionFactory;
        this.database = database;
        this.events = events;
        this.props = props;
        this.published = Counter.builder("hub.outbox.published").description("Events moved from the outbox to the broker")
                .register(meters);
        Gauge.builder("hub.outbox.lag", this, OutboxRelay::unpublishedCount)
                .description("Events accepted but not yet on the broker").register(meters);
        Gauge.builder("hub.outbox.lag.seconds", this, OutboxRelay::oldestUnpublishedAgeSeconds)
                .description("Age of the oldest event not yet on the broker").register(meters);
    }

    /** Called after a transaction that wrote outbox rows commits, so events leave without waiting for a poll. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenReady() {
        // The relay starts only once routes have created their queues (a multicast address drops messages that
        // have no queue), i.e. when the application is ready.
        if (props.enabled() && worker == null) {
            running = true;
            worker = new Thread(this::loop, "outbox-relay");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void loop() {
        long backoffMs = props.pollIntervalMs();
        while (running) {
            try {
                int moved = relayOnce();
                if (!brokerHealthy) {
                    log.info("Outbox relay reaches the broker again");
                    brokerHealthy = true;
                }
                backoffMs = props.pollIntervalMs();
                if (moved < props.batchSize()) {
                    if (wakeUp.tryAcquire(props.pollIntervalMs(), TimeUnit.MILLISECONDS) && props.lingerMs() > 0) {
                        // woken by a commit: let a few more commits land so one relay cycle (one database commit and
                        // one broker commit) carries them all, instead of one cycle per accepted change
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(props.lingerMs()));
                    }
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (brokerHealthy) {
                    log.warn("Outbox relay cannot publish; events stay in the outbox, in order, and are retried: {}",
                            e.getMessage());
                    brokerHealthy = false;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
                try {
                    Thread.sleep(backoffMs); // back off from a broker or database that is down
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One relay cycle.
     *
     * @return how many events were published
     */
    public int relayOnce() {
        Integer moved = tx.execute(status -> {
            if (!database.tryRelayLease()) {
                return 0; // another hub instance is relaying right now; it releases the lease when it commits
            }
            List<Row> rows = jdbc.query("select id, event_id, ticket_id, event_type, sequence_no, payload from outbox "
                            + "where published_at is null order by id limit " + props.batchSize()
                            + database.forUpdateSkipLocked(),
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6)));
            if (rows.isEmpty()) {
                return 0;
            }
            database.makeCommittedDataDurable();
            send(rows);
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.batchUpdate("update outbox set published_at = ? where id = ?",
                    rows.stream().map(r -> new Object[] {now, r.id()}).toList());
            return rows.size();
        });
        published.increment(moved);
        return moved;
    }

    private void send(List<Row> rows) {
        try (Connection connection = connectionFactory.createConnection()) {
            try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                sendAll(session, rows);
                session.commit();
                return;
            } catch (JMSException e) {
                // Artemis rolls back a whole transaction that contains a duplicate id. That happens only when this
                // batch was already (partly) sent before a crash between the broker commit and the database commit;
                // sent one by one, each duplicate is dropped on its own and the new events go through, in order.
                log.info("Broker refused the batch as one transaction ({}); re-sending its {} events one by one",
                        e.getMessage(), rows.size());
            }
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                sendAll(session, rows); // persistent sends outside a transaction block until the broker stored them
            }
        } catch (JMSException e) {
            throw new IllegalStateException("broker refused the batch: " + e.getMessage(), e);
        }
    }

    private void sendAll(Session session, List<Row> rows) throws JMSException {
        MessageProducer producer = session.createProducer(session.createTopic(events.address()));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (Row r : rows) {
            TextMessage m = session.createTextMessage(r.payload());
            m.setStringProperty(MessageHeaders.EVENT_ID, r.eventId());
            m.setStringProperty(MessageHeaders.EVENT_TYPE, r.eventType());
            m.setLongProperty(MessageHeaders.SEQUENCE, r.sequence());
            m.setStringProperty(MessageHeaders.ARTEMIS_DUPLICATE_ID, r.eventId());
            if (r.ticketId() != null) {
                m.setStringProperty(MessageHeaders.TICKET_ID, r.ticketId());
                m.setStringProperty(MessageHeaders.JMS_GROUP_ID, r.ticketId());
            }
            producer.send(m);
        }
    }

    public boolean brokerHealthy() {
        return brokerHealthy;
    }

    public long unpublishedCount() {
        Long n = jdbc.queryForObject("select count(*) from outbox where published_at is null", Long.class);
        return n == null ? 0 : n;
    }

    public double oldestUnpublishedAgeSeconds() {
        Timestamp oldest = jdbc.queryForObject("select min(created_at) from outbox where published_at is null",
                Timestamp.class);
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis() / 1000.0);
    }

    @Override
    public void start() {
        // started on ApplicationReadyEvent, see startWhenReady
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the broker and the database go away
        return Integer.MAX_VALUE - 100;
    }
}
