/** The per-ticket timeline: status changes and every delivery attempt, in the order they happened. */
package org.aftersaleshub.timeline;
