package org.aftersaleshub.model;

import jakarta.validation.constraints.Size;

/**
 * The device a ticket is about, as reported on intake (the full {@link Device} lives in the CRM / device registry).
 *
 * @param serial serial number, up to 64 characters
 * @param model  model code, up to 64 characters
 */
public record DeviceRef(@Size(max = 64) String serial, @Size(max = 64) String model) {
}
