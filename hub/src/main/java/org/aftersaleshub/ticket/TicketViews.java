package org.aftersaleshub.ticket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.masterdata.device.Device;
import org.aftersaleshub.masterdata.device.DeviceService;
import org.aftersaleshub.model.Ticket;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds to a ticket the warranty state of its device, read from the master data when the serial is known, and its
 * labels. Labels are read from {@code ticket_label} (V15; written by sla.TicketLabels) with plain SQL here: the sla
 * package builds on this one, so this one does not call back into it.
 */
@Component
class TicketViews {

    private final DeviceService devices;
    private final JdbcTemplate jdbc;

    TicketViews(DeviceService devices, JdbcTemplate jdbc) {
        this.devices = devices;
        this.jdbc = jdbc;
    }

    /** The page's tickets with their warranty states and labels: one query each, whatever the page size. */
    TicketViewPage of(TicketPage page) {
        Set<String> serials = new HashSet<>();
        page.items().forEach(t -> {
            if (t.device() != null && t.device().serial() != null && !t.device().serial().isBlank()) {
                serials.add(t.device().serial());
            }
        });
        Map<String, Boolean> in = devices.inWarranty(serials);
        Map<String, List<String>> labels = labelsOf(page.items().stream().map(Ticket::id).toList());
        return new TicketViewPage(page.items().stream().map(t -> new TicketView(t,
                t.device() == null ? null : in.get(t.device().serial()), labels.get(t.id()))).toList(), page.page(),
                page.size(), page.total());
    }

    TicketView of(Ticket t) {
        String serial = t.device() == null ? null : t.device().serial();
        Boolean in = serial == null || serial.isBlank() ? null
                : devices.find(serial).map(Device::inWarranty).orElse(null);
        return new TicketView(t, in, jdbc.queryForList("select label from ticket_label where ticket_id = ? order by "
                + "added_at, label", String.class, t.id()));
    }

    /** Ticket id → its labels, oldest first, in one query (the primary key's ticket_id leads: an index lookup). */
    private Map<String, List<String>> labelsOf(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> byTicket = new HashMap<>();
        jdbc.query("select ticket_id, label from ticket_label where ticket_id in ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") order by ticket_id, added_at, label",
                rs -> {
                    byTicket.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, ids.toArray());
        return byTicket;
    }
}
