/**
 * The embedded default's demo (on unless {@code hub.demo.enabled=false}; off in profile prod): a feeder that
 * creates and advances sample tickets through the public API, and a signed webhook receiver inside the hub so
 * the outbound-webhook route has somewhere real to deliver to and every ticket's timeline shows deliveries.
 */
package org.aftersaleshub.demo;
