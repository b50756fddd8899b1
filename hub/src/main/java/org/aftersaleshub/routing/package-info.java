/**
 * The Camel runtime: loads the YAML routes the IT team edits from {@code hub.routes-dir}, validates them (file,
 * line and a hint for every problem, before anything starts), creates their event queues and applies the one
 * shared route configuration {@value org.aftersaleshub.routing.HubErrorHandling#ID} to every route.
 */
package org.aftersaleshub.routing;
