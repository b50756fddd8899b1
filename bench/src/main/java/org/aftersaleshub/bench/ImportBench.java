package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The Excel / CSV import at scale: generates a customers file of N rows (default 100,000) as CSV and as xlsx, starts
 * the packaged hub with a bounded heap (default {@code -Xmx256m}) and imports each through
 * {@code POST /api/v1/imports/customers} in ALL_OR_NOTHING mode, then the CSV once more (every row unchanged), then
 * both files again with new ids in VALID_ROWS mode. Reports rows/s per import (from the job's own started / finished
 * times and from the client's upload → finished), the hub's heap per import (used heap and the live data after GC,
 * both sampled every 250 ms from its metrics), from its GC log the largest heap after a young or full GC, the largest
 * after a full GC (what the live data never exceeded) and the time in pauses, and the peak RSS.
 */
public final class ImportBench {

    static final String OPTIONS = "--rows N --hub-xmx SIZE";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] REGIONS = {"华东", "华北", "华南", "西南", "东北"};
    private static final String[] TIERS = {"VIP", "重点", "普通"};

    private ImportBench() {
    }

    /** One import and what it cost. */
    record Result(String what, long fileBytes, JsonNode job, Duration client, long peakHeapBytes, long peakLiveBytes) {
        double jobSeconds() {
            JsonNode j = job;
            return Duration.between(Instant.parse(j.path("startedAt").asText()),
                    Instant.parse(j.path("finishedAt").asText())).toMillis() / 1000.0;
        }
    }

    public static void main(String[] argv) throws Exception {
        BenchRun run = BenchRun.start(ImportBench.class, argv, OPTIONS, "import");
        int rows = run.intOpt("rows", 100_000);
        String xmx = run.opt("hub-xmx", "256m");
        Path dir = run.runDir;
        Path gcLog = dir.resolve("gc.log");
        List<String> jvm = new ArrayList<>(run.hubJvmArgs());
        jvm.add("-Xmx" + xmx);
        jvm.add("-Xlog:gc:file=" + gcLog);
        Path routes = Files.createDirectories(dir.resolve("routes"));
        List<Result> results = new ArrayList<>();
        Duration start;
        double peakRss;
        try (HubUnderTest hub = new HubUnderTest(run.jar, dir.resolve("data"), routes, jvm, run.hubArgs())) {
            start = hub.start(dir.resolve("hub.log"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String key = hub.apiKey();
            List<String> header = templateHeader(http, hub.base(), key);
            Path csv = dir.resolve("customers.csv");
            Path xlsx = dir.resolve("customers.xlsx");
            writeCsv(csv, header, rows, i -> "C-B" + String.format(Locale.ROOT, "%07d", i));
            writeXlsx(xlsx, header, rows, i -> "X-B" + String.format(Locale.ROOT, "%07d", i));
            String xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            String all = "ALL_OR_NOTHING";
            results.add(importFile(http, hub.base(), key, csv, "text/csv", all, "csv, new rows, " + all));
            results.add(importFile(http, hub.base(), key, xlsx, xlsxType, all, "xlsx, new rows, " + all));
            results.add(importFile(http, hub.base(), key, csv, "text/csv", all, "csv again (re-import), " + all));
            Path csv2 = dir.resolve("customers-2.csv");
            Path xlsx2 = dir.resolve("customers-2.xlsx");
            writeCsv(csv2, header, rows, i -> "V-C" + String.format(Locale.ROOT, "%07d", i));
            writeXlsx(xlsx2, header, rows, i -> "V-X" + String.format(Locale.ROOT, "%07d", i));
            results.add(importFile(http, hub.base(), key, csv2, "text/csv", "VALID_ROWS", "csv, new rows, VALID_ROWS"));
            results.add(importFile(http, hub.base(), key, xlsx2, xlsxType, "VALID_ROWS",
                    "xlsx, new rows, VALID_ROWS"));
            peakRss = hub.peakRssMib();
        }
        long[] gc = gcHeap(gcLog);
        run.writeReport("import", report(run, rows, xmx, start, results, peakRss, gc));
    }

    /** The Chinese headers of the hub's own customers template, so the file fits whatever columns it has. */
    private static List<String> templateHeader(HttpClient http, URI base, String key) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/imports/customers/template.csv"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the hub has no customers import (" + r.statusCode() + "): " + r.body());
        }
        return List.of(r.body().replace("\uFEFF", "").trim().split(","));
    }

    private static String value(String header, int i, IntFunction<String> id) {
        return switch (header) {
            case "客户编号" -> id.apply(i);
            case "客户名称" -> "上海测试客户" + i + "有限公司";
            case "电话", "联系人电话" -> "138" + String.format(Locale.ROOT, "%08d", i);
            case "区域" -> REGIONS[i % REGIONS.length];
            case "客户等级" -> TIERS[i % TIERS.length];
            case "地址" -> "上海市浦东新区张江路" + (i % 999 + 1) + "号";
            case "联系人" -> "联系人" + (i % 1000);
            default -> "";
        };
    }

    private static void writeCsv(Path file, List<String> header, int rows, IntFunction<String> id)
            throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            w.write(String.join(",", header));
            w.write("\r\n");
            for (int i = 0; i < rows; i++) {
                List<String> cells = new ArrayList<>(header.size());
                for (String h : header) {
                    cells.add(value(h, i, id));
                }
                w.write(String.join(",", cells));
                w.write("\r\n");
            }
        }
    }

    private static void writeXlsx(Path file, List<String> header, int rows, IntFunction<String> id)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "bench", "1.0");
            Worksheet ws = wb.newWorksheet("客户");
            for (int c = 0; c < header.size(); c++) {
                ws.value(0, c, header.get(c));
            }
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < header.size(); c++) {
                    String v = value(header.get(c), i, id);
                    if (!v.isEmpty()) {
                        ws.value(i + 1, c, v);
                    }
                }
                if (i % 10_000 == 0) {
                    ws.flush();
                }
            }
            wb.finish();
        }
    }

    private static Result importFile(HttpClient http, URI base, String key, Path file, String type, String mode,
            String what) throws Exception {
        AtomicLong peak = new AtomicLong();
        AtomicLong live = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            peak.accumulateAndGet(metric(http, base, key, "jvm.memory.used?tag=area:heap"), Math::max);
            live.accumulateAndGet(metric(http, base, key, "jvm.gc.live.data.size"), Math::max);
        }, 0, 250, TimeUnit.MILLISECONDS);
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/imports/customers?mode="
                            + mode)).header("Authorization", "Bearer " + key).header("Content-Type", type)
                    .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 202) {
                throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
            }
            URI self = base.resolve(JSON.readTree(r.body()).path("links").path("self").asText());
            JsonNode job;
            while (true) {
                job = JSON.readTree(http.send(HttpRequest.newBuilder(self).header("Authorization", "Bearer " + key)
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
                String state = job.path("state").asText();
                if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("PARTIAL")) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(200); // a harness polling a child process, not a test
            }
            Duration client = Duration.ofNanos(System.nanoTime() - t0);
            return new Result(what, Files.size(file), job, client, peak.get(), live.get());
        } finally {
            sampler.shutdownNow();
        }
    }

    private static long metric(HttpClient http, URI base, String key, String metric) {
        try {
            JsonNode m = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve(
                            "/actuator/metrics/" + metric)).header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body());
            return m.path("measurements").get(0).path("value").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    /**
     * Largest heap before and after a young or full collection in the GC log ({@code Pause Young ... 150M->40M(256M)}),
     * in MiB; the remark and cleanup pauses of a concurrent cycle free nothing and are left out.
     */
    /**
     * From the GC log: the largest heap before and after any pause, the largest after a full GC (the bound of the
     * live data: a young pause leaves old garbage in place, a full one does not), the number of full GCs, and the
     * milliseconds spent in all pauses.
     */
    private static long[] gcHeap(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        long afterFull = 0;
        long fullCount = 0;
        double pausedMs = 0;
        Matcher m = Pattern.compile("Pause (Young|Full).* (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms")
                .matcher(Files.exists(gcLog) ? Files.readString(gcLog) : "");
        while (m.find()) {
            before = Math.max(before, Long.parseLong(m.group(2)));
            after = Math.max(after, Long.parseLong(m.group(3)));
            if (m.group(1).equals("Full")) {
                afterFull = Math.max(afterFull, Long.parseLong(m.group(3)));
                fullCount++;
            }
            pausedMs += Double.parseDouble(m.group(5));
        }
        return new long[] {before, after, afterFull, fullCount, Math.round(pausedMs)};
    }

    private static String report(BenchRun run, int rows, String xmx, Duration start,
            List<Result> results, double peakRss, long[] gc) throws IOException {
        StringBuilder md = new StringBuilder();
        run.appendHead(md, "Import benchmark (主数据导入)", BenchRun.loadAverage());
        md.append("\n## Setup\n\n");
        md.append("- the packaged hub, embedded default (H2 file database), started with `-Xmx").append(xmx)
                .append("` (the heap the import is held to), start ").append(start.toMillis()).append(" ms\n");
        md.append("- ").append(rows).append(" generated customers per file (every column of the customers template "
                + "filled except the CRM / ERP ids), uploaded as the body to `POST /api/v1/imports/customers?mode=...`, "
                + "then polled until finished; one hub, one import at a time, in the order of the table\n");
        md.append("- rows/s (job) = rows ÷ the job's finishedAt − startedAt (both passes: checking and writing); "
                + "rows/s (client) = rows ÷ upload start → finished seen (includes upload, inspection and queue)\n\n");
        md.append("## Results\n\n");
        md.append("| import | file | state | created / updated / unchanged / rejected | job s | rows/s (job) | client s "
                + "| rows/s (client) | peak used heap | peak live data after GC |\n");
        md.append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Result r : results) {
            JsonNode c = r.job().path("counts");
            int total = r.job().path("progress").path("rowsTotal").asInt();
            md.append(String.format(Locale.ROOT, "| %s | %.1f MiB | %s | %d / %d / %d / %d | %.1f | %.0f | %.1f | %.0f "
                            + "| %.0f MiB | %.0f MiB |%n", r.what(), r.fileBytes() / 1048576.0, r.job().path("state").asText(),
                    c.path("created").asInt(), c.path("updated").asInt(), c.path("unchanged").asInt(),
                    c.path("rejected").asInt(), r.jobSeconds(), total / r.jobSeconds(),
                    r.client().toMillis() / 1000.0, total / (r.client().toMillis() / 1000.0),
                    r.peakHeapBytes() / 1048576.0, r.peakLiveBytes() / 1048576.0));
        }
        md.append(String.format(Locale.ROOT, "%n- heap limit -Xmx%s; largest heap before a young / full GC %d MiB, largest "
                + "after one %d MiB, largest after a full GC %d MiB (the bound of the live data; %d full GCs); %.1f s of "
                + "the run in GC pauses (GC log, whole run); peak RSS of the hub process %.0f MiB%n", xmx, gc[0], gc[1],
                gc[2], gc[3], gc[4] / 1000.0, peakRss));
        return md.toString();
    }
}
