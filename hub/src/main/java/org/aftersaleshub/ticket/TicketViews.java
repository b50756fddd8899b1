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

    TicketView of(Ticket t) {
        String serial = t.device() == null ? null : t.device().serial();
        Boolean in = serial == null || serial.isBlank() ? null
                : devices.find(serial).map(Device::inWarranty).orElse(null);
        return new TicketView(t, in);
    }
}
