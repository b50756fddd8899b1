package org.aftersaleshub.model;

/** Service priority; SLA policies map it to response and resolution deadlines. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
