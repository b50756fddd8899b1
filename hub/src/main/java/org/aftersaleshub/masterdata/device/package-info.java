/** Devices (设备) by serial number, with their customer and warranty: REST API, repository and import target. */
package org.aftersaleshub.masterdata.device;
