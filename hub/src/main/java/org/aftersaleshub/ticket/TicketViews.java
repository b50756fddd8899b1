package org.aftersaleshub.ticket;

import org.aftersaleshub.masterdata.device.Device;
import org.aftersaleshub.masterdata.device.DeviceService;
import org.aftersaleshub.model.Ticket;
import org.springframework.stereotype.Component;

/** Adds to a ticket the warranty state of its device, read from the master data when the serial is known. */
@Component
class TicketViews {

    private final DeviceService devices;

    TicketViews(DeviceService devices) {
        this.devices = devices;
    }

    /** The page's tickets with their warranty states, read in one query. */
    TicketViewPage of(TicketPage page) {
        java.util.Set<String> serials = new java.util.HashSet<>();
        page.items().forEach(t -> {
            if (t.device() != null && t.device().serial() != null && !t.device().serial().isBlank()) {
                serials.add(t.device().serial());
            }
        });
        java.util.Map<String, Boolean> in = devices.inWarranty(serials);
        return new TicketViewPage(page.items().stream().map(t -> new TicketView(t,
                t.device() == null ? null : in.get(t.device().serial()))).toList(), page.page(), page.size(),
                page.total());
    }

    TicketView of(Ticket t) {
        String serial = t.device() == null ? null : t.device().serial();
        Boolean in = serial == null || serial.isBlank() ? null
                : devices.find(serial).map(Device::inWarranty).orElse(null);
        return new TicketView(t, in);
    }
}
