package org.aftersaleshub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * The ceiling: what the same H2 file database, with the hub's own URL options (WRITE_DELAY=0 and the rest, read
 * from the hub's application.yaml) and the hub's Flyway schema, commits per second when N threads each insert the
 * rows of one accepted ticket — the ticket row and its outbox row — in one transaction, with nothing else around
 * them (no HTTP, no JSON, no Spring, no broker).
 */
final class JdbcCeiling {

    private static final Pattern H2_URL = Pattern.compile("^\\s*url:\\s*(jdbc:h2:\\S+)", Pattern.MULTILINE);

    private final String url;
    private final Path migrations;

    /**
     * @param applicationYaml the hub's application.yaml, whose {@code spring.datasource.url} is used
     * @param dataDir         stands in for {@code ${hub.data-dir}}
     * @param migrations      the hub's db/migration folder
     */
    JdbcCeiling(Path applicationYaml, Path dataDir, Path migrations) throws IOException {
        this.url = urlFor(applicationYaml, dataDir);
        this.migrations = migrations;
    }

    static String urlFor(Path applicationYaml, Path dataDir) throws IOException {
        Matcher m = H2_URL.matcher(Files.readString(applicationYaml));
        if (!m.find()) {
            throw new IllegalStateException("no jdbc:h2 spring.datasource.url in " + applicationYaml);
        }
        return m.group(1).replace("${hub.data-dir}", dataDir.toString());
    }

    String url() {
        return url;
    }

    void migrate() {
        Flyway.configure().dataSource(url, "sa", "").locations("filesystem:" + migrations).load().migrate();
    }

    /**
     * The payload of an event the hub wrote, to insert rows of the very same size; read from the hub's database
     * after the hub stopped.
     */
    static String samplePayload(String hubUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(hubUrl, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select payload from outbox where event_type = 'TicketCreated' "
                     + "order by id desc limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("the hub wrote no TicketCreated event");
            }
            return rs.getString(1);
        }
    }

    Load.Operation insertOperation(int thread, String payloadTemplate) throws SQLException {
        Connection c = DriverManager.getConnection(url, "sa", "");
        c.setAutoCommit(false);
        PreparedStatement next = c.prepareStatement("select next value for ticket_number_seq");
        PreparedStatement ticket = c.prepareStatement("insert into ticket (id, number, channel, customer_id, "
                + "device_serial, device_model, fault_type, description, priority, region, status, assignee_id, "
                + "response_due_at, resolution_due_at, created_at, updated_at, satisfaction_score, attachments, "
                + "version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement outbox = c.prepareStatement("insert into outbox (event_id, ticket_id, event_type, "
                + "sequence_no, payload, created_at) values (?, ?, ?, ?, ?, ?)");
        return new Load.Operation() {
            @Override
            public void run() throws SQLException {
                try {
                    long number;
                    try (ResultSet rs = next.executeQuery()) {
                        rs.next();
                        number = rs.getLong(1);
                    }
                    String id = UUID.randomUUID().toString();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                    ticket.setString(1, id);
                    ticket.setString(2, "T20260101-" + String.format("%06d", number));
                    ticket.setString(3, "WEB");
                    ticket.setString(4, HubClient.customerId(thread));
                    ticket.setString(5, HubClient.DEVICE_SERIAL);
                    ticket.setString(6, HubClient.DEVICE_MODEL);
                    ticket.setString(7, HubClient.FAULT_TYPE);
                    ticket.setString(8, HubClient.DESCRIPTION);
                    ticket.setString(9, "NORMAL");
                    ticket.setString(10, HubClient.REGION);
                    ticket.setString(11, "NEW");
                    ticket.setString(12, null);
                    ticket.setObject(13, null);
                    ticket.setObject(14, null);
                    ticket.setObject(15, now);
                    ticket.setObject(16, now);
                    ticket.setObject(17, null);
                    ticket.setString(18, null);
                    ticket.setLong(19, 1);
                    ticket.executeUpdate();
                    outbox.setString(1, UUID.randomUUID().toString());
                    outbox.setString(2, id);
                    outbox.setString(3, "TicketCreated");
                    outbox.setLong(4, 1);
                    outbox.setString(5, payloadTemplate); // same size as the hub's own event
                    outbox.setObject(6, now);
                    outbox.executeUpdate();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            }

            @Override
            public void close() throws SQLException {
                c.close();
            }
        };
    }

    static Duration warmup() {
        return Duration.ofSeconds(5);
    }
}
