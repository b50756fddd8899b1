package org.aftersaleshub.masterdata.device;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether a device is in warranty (在保): while today in Asia/Shanghai is on or before its warranty end — the
 * company's calendar day, not the server's, so a hub running in UTC does not end a warranty eight hours early.
 */
@Component
public class Warranty {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock clock;

    @Autowired
    public Warranty() {
        this(Clock.system(ZONE));
    }

    public Warranty(Clock clock) {
        this.clock = clock.withZone(ZONE);
    }

    /** True or false, or null when the warranty end is unknown. */
    public Boolean inWarranty(LocalDate warrantyEnd) {
        return warrantyEnd == null ? null : !LocalDate.now(clock).isAfter(warrantyEnd);
    }
}
