package org.aftersaleshub.masterdata;

/** What an upsert by natural key did; an identical record is left alone, its version unchanged. */
public enum WriteOutcome {
    CREATED, UPDATED, UNCHANGED
}
