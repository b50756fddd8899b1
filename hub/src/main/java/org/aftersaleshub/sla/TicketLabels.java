package org.aftersaleshub.sla;

import java.time.Instant;
import java.util.List;
import org.aftersaleshub.support.Text;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Labels on tickets (标签, table {@code ticket_label}), e.g. 紧急预警. A label is on a ticket once. */
@Repository
public class TicketLabels {

    private final JdbcTemplate jdbc;

    public TicketLabels(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Puts the label on the ticket; false when it was there already. */
    public boolean add(String ticketId, String label, String by, Instant at) {
        if (jdbc.queryForObject("select count(*) from ticket_label where ticket_id = ? and label = ?", Integer.class,
                ticketId, label) > 0) {
            return false;
        }
        jdbc.update("insert into ticket_label (ticket_id, label, added_at, added_by) values (?, ?, ?, ?)", ticketId,
                label, TicketSlaStore.odt(at), Text.truncate(by, 128));
        return true;
    }

    public boolean remove(String ticketId, String label) {
        return jdbc.update("delete from ticket_label where ticket_id = ? and label = ?", ticketId, label) > 0;
    }

    public List<String> of(String ticketId) {
        return jdbc.queryForList("select label from ticket_label where ticket_id = ? order by added_at, label",
                String.class, ticketId);
    }
}
