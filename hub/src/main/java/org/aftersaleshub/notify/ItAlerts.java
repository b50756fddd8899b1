package org.aftersaleshub.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.aftersaleshub.messaging.MessageHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Raises IT alerts (运维告警): puts them on the alerts queue ({@code hub.notify.alerts.queue}), where the
 * {@code im-it-alerts} route (routes/im-alerts.yaml) sends them to IT's groups under the delivery contract. An alert
 * key is announced by one hub instance at most once per window, claimed in the {@code notify_alert} table, so
 * several hub instances watching the same broker and database raise each alert once.
 */
@Component
public class ItAlerts {

    private static final Logger log = LoggerFactory.getLogger(ItAlerts.class);

    private final JmsTemplate jms;
    private final JdbcTemplate jdbc;
    private final NotifyProperties props;
    private final ObjectMapper json;

    public ItAlerts(ConnectionFactory connectionFactory, JdbcTemplate jdbc, NotifyProperties props,
                    ObjectMapper json) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jdbc = jdbc;
        this.props = props;
        this.json = json;
    }

    /**
     * Raises an alert unless its key was raised within {@code window} (by any hub instance).
     *
     * @return true when this call raised it
     */
    public boolean raise(String kind, String key, String title, String detail, String link, Duration window) {
        Instant now = Instant.now();
        if (!claim(key, now, window)) {
            return false;
        }
        publish(new ItAlert(UUID.randomUUID().toString(), kind, key, title, detail, link, now));
        return true;
    }

    /** Takes the key for this window: true for the one hub instance whose row write wins. */
    boolean claim(String key, Instant now, Duration window) {
        int n = jdbc.update("update notify_alert set raised_at = ? where alert_key = ? and raised_at <= ?",
                Timestamp.from(now), key, Timestamp.from(now.minus(window)));
        if (n == 1) {
            return true;
        }
        try {
            jdbc.update("insert into notify_alert (alert_key, raised_at) values (?, ?)", key, Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException e) {
            return false; // raised within the window, here or by another hub instance
        }
    }

    /** Puts the alert on the alerts queue, persistent; its route journals and retries the sends. */
    void publish(ItAlert alert) {
        String body;
        try {
            body = json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jms.send(props.alerts().queue(), session -> {
            TextMessage m = session.createTextMessage(body);
            m.setStringProperty(MessageHeaders.EVENT_ID, alert.id());
            m.setStringProperty(MessageHeaders.EVENT_TYPE, ItAlert.EVENT_TYPE);
            return m;
        });
        log.warn("IT alert raised: {} ({})", alert.title(), alert.key());
    }
}
