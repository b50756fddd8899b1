package org.aftersaleshub.bench;

import org.aftersaleshub.bench.PipelineBench.Measurement;

/** The pipeline benchmark's markdown report. */
final class PipelineReport {

    private PipelineReport() {
    }

    static String render(BenchRun run, PipelineBench.Results r, String loadAfter) {
        StringBuilder md = new StringBuilder();
        run.appendHead(md, "Pipeline benchmark", loadAfter);
        md.append("\n## Setup\n\n");
        md.append("- Kingdee mock (`MockSystems.start(Set.of(\"kingdee\"), true)`, demo data) in the benchmark JVM; ")
                .append("the ").append(r.parts()).append(" demo materials get ")
                .append(PipelineBench.INITIAL_STOCK.toPlainString()).append(" in ").append(r.erpWarehouse())
                .append(" (`setStock`); latency = a fault rule `DELAY` `BEFORE` on every operation (`*`), min = max\n");
        md.append("- **hub**: `").append(r.hubCommand().replaceAll("(secret=)\\S+", "$1****")).append("`\n");
        md.append("  - per measurement: ").append(r.usages()).append(" tickets created first (not timed), then one ")
                .append("part usage on each (`POST /api/v1/tickets/{id}/part-usages`, distinct ids, part i mod ")
                .append(r.parts()).append(", WH01, quantity 1) from ").append(r.clients()).append(" client threads; ")
                .append("rate = usages / (first usage answered 201 → last `STK_MisDelivery` document audited in ")
                .append("the mock, polled every 10 ms); afterwards (not timed) the usages' state via ")
                .append("`GET /api/v1/tickets/{id}/part-usages`\n");
        md.append("  - master data, before the warm-up (not timed): warehouse ").append(PipelineBench.WAREHOUSE)
                .append(" booked by `").append(PipelineBench.BENCH_INSTANCE).append("` under ").append(r.erpWarehouse())
                .append(" and the ").append(r.parts()).append(" demo parts with their material codes there, ")
                .append("created through `POST /api/v1/warehouses` and `POST /api/v1/parts`\n");
        md.append("  - `" + PipelineBench.CONSUMERS_KEY + "` (concurrent consumers of the erp-stock route): ")
                .append(r.consumers()).append("\n");
        md.append("- **direct**: a `KingdeeConnector` started in the benchmark JVM with the same keys (each request ")
                .append("with both ERP codes, as the hub's route sends them), ")
                .append("`StockDeductions#deduct` for ").append(r.usages()).append(" fresh usage ids from ")
                .append(r.clients()).append(" threads; rate = deductions / (first call → last return)\n");
        md.append("- both paths: `" + PipelineBench.RATE_KEY + "=").append(r.rateLimit()).append("` (default 20/s, ")
                .append("i.e. ≈ 6 deductions/s with Save + Submit + Audit as 3 writes, would cap both paths alike and ")
                .append("measure only the budget), every other key as the embedded default's demo account ")
                .append("(`STEPWISE` write mode: query FBillNo, Save, Submit, Audit = 4 calls per deduction)\n");
        md.append("- warm-up: ").append(r.warmup()).append(" usages through each path at 0 ms before the ")
                .append("measurements (not reported); the hub JVM stays up (idle) during the direct measurements\n");
        md.append("- **hub CPU per deduction**, as the intake report counts it: hub process CPU time (")
                .append(ProcessCpu.source()).append(", every thread of the hub JVM) from just before the first ")
                .append("usage POST of the measurement to the last document audited in the mock (the hub's ")
                .append("\"window + drain\"), ÷ the usages of the measurement; \"% of the machine\" is that CPU over ")
                .append("the same wall time × ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores. The benchmark JVM's CPU per deduction over the same span (clients and mock on ")
                .append("the hub path; connector and mock on the direct path) is shown next to it; the direct ")
                .append("path's cost is that column alone.\n");
        if (run.jfr()) {
            md.append("- **JFR on** (`--jfr true`): the recording costs the hub CPU; compare with runs with JFR\n");
        }
        md.append("\n## Results\n\n");
        md.append("| mock latency | path | deductions/s | window | DEDUCTED / DONE | exactly one audited document | ")
                .append("per-deduction p50 / p99 | hub CPU ms/deduction | hub CPU % of machine | benchmark JVM CPU ")
                .append("ms/deduction | notes |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement m : r.measurements()) {
            md.append("| ").append(m.latencyMs()).append(" ms | ").append(m.path()).append(" | ")
                    .append(Md.f("%.1f", m.perSecond())).append(" | ")
                    .append(Md.f("%.1f s", m.window().toMillis() / 1000.0)).append(" | ")
                    .append(m.done()).append(" / ").append(m.usages()).append(" | ")
                    .append(m.exactlyOneDocument()).append(" / ").append(m.usages()).append(" | ")
                    .append(Double.isNaN(m.p50Ms()) ? "" : Md.f("%.1f / %.1f ms", m.p50Ms(), m.p99Ms()))
                    .append(" | ").append(Double.isNaN(m.hubCpuMs()) ? "" : Md.f("%.1f", m.hubCpuMs()))
                    .append(" | ").append(Double.isNaN(m.hubMachinePct()) ? "" : Md.f("%.0f %%", m.hubMachinePct()))
                    .append(" | ").append(Md.f("%.1f", m.benchCpuMs())).append(" | ")
                    .append(m.extra()).append(" |\n");
        }
        md.append("\n| mock latency | hub / direct | target ≥ 80 % | hub concurrency (Little: hub rate × direct ")
                .append("mean latency) |\n|---:|---:|---|---:|\n");
        for (int i = 0; i + 1 < r.measurements().size(); i += 2) {
            Measurement hub = r.measurements().get(i);
            Measurement direct = r.measurements().get(i + 1);
            double ratio = hub.perSecond() / direct.perSecond();
            double meanDirectS = r.clients() / direct.perSecond(); // closed loop: each thread's mean time
            md.append("| ").append(hub.latencyMs()).append(" ms | ").append(Md.f("%.1f %%", ratio * 100))
                    .append(" | ").append(Md.mark(ratio >= 0.8)).append(" | ")
                    .append(Md.f("%.1f", hub.perSecond() * meanDirectS)).append(" |\n");
        }
        md.append("\nStock in the mock exact (initial − usages of all measurements and warm-ups) for ")
                .append(r.stockExact()).append(" / ").append(r.parts()).append(" parts.\n");
        md.append("\nThe last column: a direct deduction takes ").append(r.clients()).append(" / direct rate on ")
                .append("average (closed loop); the hub's rate times that time is how many deductions the hub had in ")
                .append("flight on average, if its connector calls take as long as the direct ones.\n");
        if (r.topFrames() != null) {
            md.append("\n## Top frames (JFR)\n\n").append("Over all measurements and warm-ups of the run.\n\n")
                    .append(r.topFrames());
        }
        return md.toString();
    }
}
