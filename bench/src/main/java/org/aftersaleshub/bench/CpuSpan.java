package org.aftersaleshub.bench;

/**
 * The hub's CPU between two checkpoints of a run, per ticket accepted in the same span.
 *
 * @param name what the span is, as the report names it (e.g. "window start → all webhooks received")
 */
record CpuSpan(String name, Checkpoint from, Checkpoint to) {

    double seconds() {
        return (to.nanoTime() - from.nanoTime()) / 1e9;
    }

    double cpuSeconds() {
        return (to.hubCpuNanos() - from.hubCpuNanos()) / 1e9;
    }

    long accepted() {
        return to.accepted() - from.accepted();
    }

    long delivered() {
        return to.delivered() - from.delivered();
    }

    /** Hub CPU milliseconds per ticket accepted in the span, or NaN when none was. */
    double msPerAccepted() {
        return accepted() == 0 ? Double.NaN : cpuSeconds() * 1000 / accepted();
    }

    /** The hub's CPU as a share of all the machine's cores over the span, in percent. */
    double machinePercent() {
        return 100 * cpuSeconds() / (seconds() * Runtime.getRuntime().availableProcessors());
    }

    /** One report row: the span, its length, CPU, tickets, CPU per ticket, share of the machine. */
    String row() {
        return "| " + name + " | " + Md.f("%.1f s", seconds()) + " | " + Md.f("%.2f s", cpuSeconds()) + " | "
                + accepted() + " | " + delivered() + " | "
                + (accepted() == 0 ? "– (none accepted)" : Md.f("%.2f ms", msPerAccepted())) + " | "
                + Md.f("%.0f %%", machinePercent()) + " |\n";
    }

    static String header() {
        return "| span | wall | hub CPU | tickets accepted in the span | webhooks received in the span "
                + "| hub CPU per accepted ticket | hub CPU, % of the machine |\n|---|---:|---:|---:|---:|---:|---:|\n";
    }
}
