/** Append-only audit log of administrative actions (API keys, dead-letter replays): who, when, what. */
package org.aftersaleshub.audit;
