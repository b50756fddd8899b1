package org.aftersaleshub.bench;

/**
 * The counters of a run at one moment: the hub process's CPU time, the tickets the clients had an accepted answer
 * for (201), and the webhooks the receiver had got.
 */
record Checkpoint(long nanoTime, long hubCpuNanos, long accepted, long delivered) {

    static Checkpoint take(HubUnderTest hub, long accepted) {
        return new Checkpoint(System.nanoTime(), ProcessCpu.nanos(hub.pid()), accepted, hub.delivered());
    }
}
