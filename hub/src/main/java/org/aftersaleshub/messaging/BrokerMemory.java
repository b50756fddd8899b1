package org.aftersaleshub.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.events.broker-memory.*}: how much of the heap the embedded broker may fill with events before it pages
 * them to disk, so a burst of events (a 100,000-row import writes one {@code CustomerChanged} per customer) cannot
 * fill a small heap.
 *
 * <p>Two budgets hold the events on the heap (found with a heap dump of a 100,000-row import at {@code -Xmx256m},
 * bench/results/import-2026-12-07-broker-budgets.md):
 * <ul>
 *   <li><b>address</b>: events the broker keeps in memory on the events address before it pages further ones to disk
 *       ({@code max-size-bytes}). In the dump the fixed 64 MiB held about 26,000 events of ~2.4 KB each, 60 % of the
 *       events on the heap.</li>
 *   <li><b>page-read</b>: events each route queue reads back from the page files ahead of its consumers
 *       ({@code max-read-page-bytes} and {@code prefetch-page-bytes}). This is per queue: every route queue with a
 *       backlog holds up to this much at once, on top of the address budget (25 % of the events in the dump, at the
 *       old 16 MiB).</li>
 * </ul>
 * Unset, both follow the heap ({@link #forHeap}); on a large heap they are the broker settings the hub always had
 * (64 MiB per address, 16 MiB read back per queue), so throughput does not change there.
 *
 * @param address  in-memory budget of the events address; unset: 1/16 of the maximum heap, between 4 and 64 MiB
 * @param pageRead what each route queue may read back from paging; unset: 1/128 of the heap, between 1 and 16 MiB
 */
@ConfigurationProperties("hub.events.broker-memory")
public record BrokerMemory(DataSize address, DataSize pageRead) {

    private static final long MIB = 1024L * 1024;

    /** The budgets to use: those configured, the rest derived from this JVM's maximum heap. */
    public Budgets resolve() {
        Budgets derived = forHeap(Runtime.getRuntime().maxMemory());
        return new Budgets(address != null ? address.toBytes() : derived.addressBytes(),
                pageRead != null ? (int) Math.min(Integer.MAX_VALUE, pageRead.toBytes()) : derived.pageReadBytes());
    }

    /** The budgets for a heap of this many bytes. */
    public static Budgets forHeap(long maxHeapBytes) {
        long addressBytes = clamp(maxHeapBytes / 16, 4 * MIB, 64 * MIB);
        long pageReadBytes = clamp(maxHeapBytes / 128, MIB, 16 * MIB);
        return new Budgets(addressBytes, (int) pageReadBytes);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Resolved budgets in bytes. */
    public record Budgets(long addressBytes, int pageReadBytes) {
    }
}
