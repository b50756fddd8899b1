package org.aftersaleshub.ticket;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Ticket store settings ({@code hub.tickets.*}).
 *
 * @param numberZone time zone of the date in human ticket numbers {@code T<yyyyMMdd>-<6 digits>}; default
 *                   Asia/Shanghai
 */
@ConfigurationProperties("hub.tickets")
public record TicketProperties(ZoneId numberZone) {

    public TicketProperties {
        numberZone = numberZone == null ? ZoneId.of("Asia/Shanghai") : numberZone;
    }
}
