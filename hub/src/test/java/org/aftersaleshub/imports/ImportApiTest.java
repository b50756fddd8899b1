package org.aftersaleshub.imports;

import static org.aftersaleshub.imports.TestFiles.HEADER;
import static org.aftersaleshub.imports.TestFiles.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.HubTestDatabases;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestClient.Answer;
import org.aftersaleshub.web.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The import through real HTTP on the embedded default, with a test-only target ({@link TestItemsTarget}): templates,
 * both modes, re-import, CSV charsets, every file refused as a whole (and the table unchanged), progress while a large
 * file runs, the JSON cap beside a 5 MB upload, the Java entry point and the stale-job sweep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestItemsConfig.class)
class ImportApiTest extends ApiTestSupport {

    static final String BASE = "/api/v1/imports/" + TestItemsTarget.ENTITY;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        Path dataDir = HubTestDatabases.h2(r);
        r.add("hub.routes-dir", () -> emptyDir(dataDir.resolve("routes")));
        r.add("hub.imports.max-rows", () -> "50000");
        r.add("hub.imports.max-file-size", () -> "8MB");
    }

    @Autowired
    TestItemsTarget items;
    @Autowired
    ImportJobs jobs;
    @Autowired
    AuditLog audit;

    ApiTestClient importer;

    @BeforeEach
    void setUp() {
        items.clear();
        items.beforeWrite = n -> { };
        items.writes.set(0);
        importer = client("importer", ApiScope.MASTERDATA_WRITE);
    }

    @AfterEach
    void release() {
        items.beforeWrite = n -> { };
    }

    static List<List<Object>> goodRows() {
        return List.of(
                row("T-001", "压缩机", 1200.5, 3, LocalDate.of(2025, 3, 31), null),
                row("T-002", "风扇电机", 88, 10, LocalDate.of(2024, 1, 2), "T-001"),
                row("T-003", "温控器", null, null, null, null));
    }

    @Test
    void templatesCarryChineseHeadersOnlyAndHintsOnASecondSheet() {
        byte[] xlsx = download(BASE + "/template.xlsx", 200);
        assertThat(TestFiles.sheetNames(xlsx)).containsExactly("测试物料", "说明");
        assertThat(TestFiles.sheet(xlsx, null)).containsExactly(HEADER);
        assertThat(TestFiles.sheet(xlsx, "说明").get(1)).contains("物料编号", "code", "是 yes", "如 T-001");

        byte[] csv = download(BASE + "/template.csv", 200);
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).trim())
                .isEqualTo(String.join(",", HEADER));

        // a template sent back as it is: its headers pass, and it has no data rows to import
        Answer empty = upload(xlsx, "template.xlsx", "ALL_OR_NOTHING");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().path("rule").asText()).isEqualTo("min-rows:1");
    }

    @Test
    void aValidFileIsImportedAndImportingItAgainChangesNothing() {
        byte[] file = TestFiles.xlsx(HEADER, goodRows());
        JsonNode first = awaitFinished(upload(file, "物料.xlsx", "ALL_OR_NOTHING"));
        assertThat(first.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.path("counts").path("created").asInt()).isEqualTo(3);
        assertThat(first.path("progress").path("rowsTotal").asInt()).isEqualTo(3);
        assertThat(first.path("progress").path("rowsDone").asInt()).isEqualTo(3);
        assertThat(items.count()).isEqualTo(3);
        Map<String, Object> t1 = items.all().get(0);
        assertThat((BigDecimal) t1.get("price")).isEqualByComparingTo("1200.5");
        assertThat(t1.get("since").toString()).isEqualTo("2025-03-31");
        List<Map<String, Object>> before = items.all();

        JsonNode again = awaitFinished(upload(file, "物料.xlsx", "VALID_ROWS"));
        assertThat(again.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(again.path("counts").path("unchanged").asInt()).isEqualTo(3);
        assertThat(again.path("counts").path("created").asInt()).isZero();
        assertThat(again.path("counts").path("updated").asInt()).isZero();
        assertThat(items.all()).isEqualTo(before);
        assertThat(again.path("sha256").asText()).isEqualTo(first.path("sha256").asText()).hasSize(64);

        assertThat(audit.recent("import", 10)).anySatisfy(e -> {
            assertThat(e.target()).isEqualTo("import-job:" + again.path("id").asText());
            assertThat(e.actor()).isEqualTo("importer");
            assertThat(e.detail()).contains("SUCCEEDED", "created=0", "unchanged=3", "rejected=0");
        });
    }

    @Test
    void csvInGbkAndInUtf8WithBomBothReadTheChineseHeaders() {
        List<List<Object>> rows = List.of(row("G-1", "冷凝器（国标）", "10.5", "2", "2025-01-31", ""));
        for (Charset cs : List.of(Charset.forName("GBK"), StandardCharsets.UTF_8)) {
            items.clear();
            byte[] csv = TestFiles.csv(cs, cs == StandardCharsets.UTF_8, HEADER, rows);
            JsonNode job = awaitFinished(upload(csv, "items.csv", "ALL_OR_NOTHING"));
            assertThat(job.path("state").asText()).as(cs.name()).isEqualTo("SUCCEEDED");
            assertThat(items.all().get(0).get("name")).as(cs.name()).isEqualTo("冷凝器（国标）");
        }
        // English names are headers too, in any case and order; the body may be the file itself
        items.clear();
        byte[] english = TestFiles.csv(StandardCharsets.UTF_8, false, List.of("NAME", "code", "Price", "qty",
                "since", "parent"), List.of(row("散热片", "E-1", "1", "1", "2025-02-28", "")));
        JsonNode job = awaitFinished(uploadRaw(english, "text/csv", "?mode=VALID_ROWS"));
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(items.all().get(0).get("code")).isEqualTo("E-1");
    }

    @Test
    void allOrNothingWritesNothingWhenOneRowIsRefused() {
        awaitFinished(upload(TestFiles.xlsx(HEADER, goodRows()), "a.xlsx", "ALL_OR_NOTHING"));
        List<Map<String, Object>> before = items.all();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("T-001", "压缩机（改）", 1300, 3, LocalDate.of(2025, 3, 31), null));
        rows.add(row("T-010", "新物料", "abc", 1, LocalDate.of(2025, 1, 1), null));
        JsonNode job = awaitFinished(upload(TestFiles.xlsx(HEADER, rows), "a.xlsx", "ALL_OR_NOTHING"));
        assertThat(job.path("state").asText()).isEqualTo("FAILED");
        assertThat(job.path("counts").path("rejected").asInt()).isEqualTo(1);
        assertThat(job.path("errorSummary").asText()).contains("nothing written");
        assertThat(items.all()).isEqualTo(before);
    }

    @Test
    void validRowsWritesTheGoodRowsAndTheErrorReportNamesTheBadOnes() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("T-001", "压缩机", 1, 1, LocalDate.of(2025, 3, 31), null));          // 2: good
        rows.add(row("T-002", "日期是文本", 1, 1, "2025-03-31", null));                    // 3: date typed as text
        rows.add(row("T-003", "重复A", 1, 1, null, null));                               // 4: duplicate with 6
        rows.add(row("T-004", "", 1.5, 2.5, null, "NOPE"));                            // 5: several problems
        rows.add(row("T-003", "重复B", 1, 1, null, null));                               // 6: duplicate with 4
        rows.add(row("T-005", "引用前面的行", 2, 2, null, "T-001"));                          // 7: good, refers to 2
        JsonNode job = awaitFinished(upload(TestFiles.xlsx(HEADER, rows), "mixed.xlsx", "VALID_ROWS"));
        assertThat(job.path("state").asText()).isEqualTo("PARTIAL");
        assertThat(job.path("counts").path("created").asInt()).isEqualTo(2);
        assertThat(job.path("counts").path("rejected").asInt()).isEqualTo(4);
        assertThat(items.all()).extracting(m -> m.get("code")).containsExactly("T-001", "T-005");

        List<List<String>> report = TestFiles.sheet(download(job.path("links").path("errors").asText(), 200), null);
        assertThat(report.get(0)).startsWith("行号 Row", "物料编号", "物料名称")
                .contains("错误原因", "Reason", "规则 Rule", "列 Column");
        Map<String, List<String>> byRow = new LinkedHashMap<>();
        report.subList(1, report.size()).forEach(r -> byRow.put(r.get(0), r));
        assertThat(byRow.keySet()).containsExactly("3", "4", "5", "6");
        int reason = HEADER.size() + 1;
        assertThat(byRow.get("3").get(reason + 2)).isEqualTo("date-cell");
        assertThat(byRow.get("3").get(reason)).contains("启用日期", "日期单元格");
        assertThat(byRow.get("3").get(reason + 1)).contains("since", "date cell");
        assertThat(byRow.get("3").get(5)).isEqualTo("2025-03-31");
        assertThat(byRow.get("4").get(reason + 1)).contains("row 6");
        assertThat(byRow.get("6").get(reason + 1)).contains("row 4");
        assertThat(byRow.get("4").get(reason + 2)).isEqualTo("duplicate-key");
        assertThat(byRow.get("5").get(reason + 2)).contains("required", "type:integer");
        assertThat(byRow.get("5").get(reason + 3)).contains("物料名称 (name)", "数量 (qty)");
    }

    @Test
    void filesRefusedAsAWholeGetOneProblemAndChangeNothing() throws IOException {
        awaitFinished(upload(TestFiles.xlsx(HEADER, goodRows()), "a.xlsx", "ALL_OR_NOTHING"));
        List<Map<String, Object>> before = items.all();
        int jobsBefore = jdbc.queryForObject("select count(*) from import_job", Integer.class);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        // a megabyte of Chinese text that compresses like real text (a repeated character would be a ratio bomb)
        java.util.Random random = new java.util.Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1024 * 1024) {
            text.append((char) (0x4E00 + random.nextInt(3000)));
        }
        String huge = text.toString();
        List<List<Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 50_000; i++) {
            tooMany.add(row("M-" + i, "n", "", "", "", ""));
        }
        record Case(String what, byte[] file, String name, int status, String rule, String hint) {
        }
        List<Case> cases = List.of(
                new Case("PNG renamed .xlsx", png, "photo.xlsx", 400, "not-a-spreadsheet", "PNG"),
                new Case("PDF renamed .xlsx", "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1),
                        "scan.xlsx", 400, "not-a-spreadsheet", "PDF"),
                new Case("text named .xlsx", "物料编号,物料名称\n".getBytes(StandardCharsets.UTF_8), "x.xlsx", 400,
                        "not-a-spreadsheet", "x.xlsx"),
                new Case("a zip that is no workbook", TestFiles.plainZip(), "x.xlsx", 400, "not-a-spreadsheet", "zip"),
                new Case("unknown header, near one", TestFiles.xlsx(List.of("物料编号", "物料名", "单价", "数量", "启用日期",
                        "上级编号"), goodRows()), "a.xlsx", 422, "unknown-header", "物料名称"),
                new Case("missing header", TestFiles.xlsx(HEADER.subList(0, 5), List.of(row("Z-1", "a", 1, 1,
                        LocalDate.now()))), "a.xlsx", 422, "missing-header", "上级编号"),
                new Case("header twice", TestFiles.csv(StandardCharsets.UTF_8, false, List.of("物料编号", "物料名称",
                        "单价", "数量", "启用日期", "上级编号", "code"), List.of(row("Z-1", "a", "", "", "", "", "Z-1"))),
                        "a.csv", 422, "duplicate-header", "两次"),
                new Case("formula cell", TestFiles.xlsx(HEADER, List.of(row("Z-1", "a", new TestFiles.Formula("1+1"),
                        1, null, null))), "a.xlsx", 422, "formula-cell", "C2"),
                new Case("merged cells", TestFiles.xlsx(ws -> {
                    for (int c = 0; c < HEADER.size(); c++) {
                        ws.value(0, c, HEADER.get(c));
                    }
                    ws.value(1, 0, "Z-1");
                    ws.value(1, 1, "合并");
                    ws.range(1, 1, 2, 1).merge();
                    ws.value(2, 0, "Z-2");
                }), "a.xlsx", 422, "merged-cells", "B2:B3"),
                new Case("0 data rows", TestFiles.xlsx(HEADER, List.of()), "a.xlsx", 422, "min-rows:1", "0 行"),
                new Case("0 data rows, csv", TestFiles.csv(StandardCharsets.UTF_8, true, HEADER, List.of()), "a.csv",
                        422, "min-rows:1", "0 行"),
                new Case("1 MB cell, xlsx", TestFiles.xlsx(HEADER, List.of(row("Z-1", huge))), "a.xlsx", 422,
                        "max-length:32767", "32767"),
                new Case("1 MB cell, csv", TestFiles.csv(StandardCharsets.UTF_8, false, HEADER,
                        List.of(row("Z-1", huge, "", "", "", ""))), "a.csv", 422, "max-length:32767", "B2"),
                new Case("zip bomb", TestFiles.zipBomb(5), "bomb.xlsx", 413, "zip-bomb", "压缩炸弹"),
                new Case("too many rows", TestFiles.csv(StandardCharsets.UTF_8, false, HEADER, tooMany), "a.csv", 413,
                        "max-rows:50000", "50000"));
        for (Case c : cases) {
            Answer a = upload(c.file(), c.name(), "ALL_OR_NOTHING");
            assertThat(a.status()).as(c.what() + ": " + a.body()).isEqualTo(c.status());
            JsonNode p = a.json();
            assertThat(p.path("type").asText()).as(c.what()).isEqualTo("urn:aftersales-hub:problem:import-file-refused");
            assertThat(p.path("rule").asText()).as(c.what()).isEqualTo(c.rule());
            assertThat(p.path("hintZh").asText() + p.path("hintEn").asText()).as(c.what()).contains(c.hint());
            assertThat(p.path("errors").get(0).path("rule").asText()).as(c.what()).isEqualTo(c.rule());
        }
        assertThat(items.all()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from import_job", Integer.class)).isEqualTo(jobsBefore);
        try (var temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(temp.filter(f -> f.getFileName().toString().startsWith("hub-import-"))
                    .filter(f -> lastModified(f).isAfter(Instant.now().minusSeconds(60)))).isEmpty();
        }
    }

    @Test
    void unknownEntityAndUnknownJobAre404() {
        Answer a = upload(TestFiles.xlsx(HEADER, goodRows()), "a.xlsx", "ALL_OR_NOTHING", "/api/v1/imports/gadgets");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().path("knownEntities").toString()).contains(TestItemsTarget.ENTITY);
        assertThat(importer.get("/api/v1/imports/gadgets/template.csv").status()).isEqualTo(404);
        assertThat(importer.get("/api/v1/imports/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(writer().get("/api/v1/imports/" + UUID.randomUUID()).status()).isEqualTo(403);
    }

    @Test
    void theJsonCapStillHoldsWhileAFiveMegabyteImportIsAccepted() {
        String big = "{\"channel\":\"WEB\",\"description\":\"" + "x".repeat(300 * 1024) + "\"}";
        assertThat(writer().post("/api/v1/tickets", big).status()).isEqualTo(413);

        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            rows.add(row(String.format("B-%06d", i), "大文件物料" + "x".repeat(90), "1.25", "3", "2025-06-30", ""));
        }
        byte[] csv = TestFiles.csv(StandardCharsets.UTF_8, true, HEADER, rows);
        assertThat(csv.length).isGreaterThan(5 * 1024 * 1024);
        Answer accepted = uploadRaw(csv, "text/csv", "?mode=VALID_ROWS");
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode job = awaitFinished(accepted);
        assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("counts").path("created").asInt()).isEqualTo(40_000);

        byte[] tooLarge = new byte[9 * 1024 * 1024];
        Answer refused = uploadRaw(tooLarge, "text/csv", "");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("file");
    }

    @Test
    void anIdempotencyKeyNeitherBuffersNorReplaysAnUpload() {
        byte[] csv = TestFiles.csv(StandardCharsets.UTF_8, false, HEADER, List.of(row("K-1", "幂等", "", "", "", "")));
        HttpRequest.Builder request = importer.request(BASE + "?mode=VALID_ROWS").header("Content-Type", "text/csv")
                .header("Idempotency-Key", "import-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv));
        JsonNode first = awaitFinished(importer.send(request.build()));
        JsonNode second = awaitFinished(importer.send(request.build()));
        // each upload is a job of its own (the file may have changed under the same name); the upsert keeps it to
        // one row
        assertThat(second.path("id").asText()).isNotEqualTo(first.path("id").asText());
        assertThat(second.path("counts").path("unchanged").asInt()).isEqualTo(1);
        assertThat(items.count()).isEqualTo(1);
    }

    @Test
    void progressIsReadableWhileALargeFileRunsAndAllOrNothingShowsNoRowBeforeItCommits() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(row(String.format("P-%05d", i), "进度", "", "", "", ""));
        }
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        items.beforeWrite = n -> {
            if (n == 3) {
                holding.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Answer a = upload(TestFiles.csv(StandardCharsets.UTF_8, false, HEADER, rows), "big.csv", "ALL_OR_NOTHING");
        assertThat(a.status()).isEqualTo(202);
        String self = a.json().path("links").path("self").asText();
        // the third batch's write is held: two batches (1,000 rows) are written, not committed
        await().atMost(Duration.ofSeconds(60)).until(() -> holding.getCount() == 0);
        JsonNode job = importer.get(self).json();
        assertThat(job.path("state").asText()).isEqualTo("RUNNING");
        assertThat(job.path("phase").asText()).isEqualTo("WRITING");
        assertThat(job.path("progress").path("rowsTotal").asInt()).isEqualTo(3_000);
        assertThat(job.path("progress").path("rowsChecked").asInt()).isEqualTo(3_000);
        assertThat(job.path("progress").path("rowsDone").asInt()).isEqualTo(1_000);
        assertThat(job.path("progress").path("percent").asInt()).isBetween(1, 99);
        // two batches are written inside the one open transaction: nobody else sees them yet
        assertThat(items.count()).isZero();
        release.countDown();
        JsonNode done = awaitFinished(a);
        assertThat(done.path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.path("progress").path("rowsDone").asInt()).isEqualTo(3_000);
        assertThat(items.count()).isEqualTo(3_000);
    }

    @Test
    void theJavaEntryPointRunsAFileAndReturnsTheFinishedJob() throws IOException {
        Path file = Files.createTempFile("demo-items", ".csv");
        try {
            Files.write(file, TestFiles.csv(StandardCharsets.UTF_8, true, HEADER, List.of(row("D-1", "演示", "", "",
                    "", ""))));
            ImportJob job = jobs.runNow(TestItemsTarget.ENTITY, file, ImportMode.ALL_OR_NOTHING, "system");
            assertThat(job.state()).isEqualTo(ImportJob.State.SUCCEEDED);
            assertThat(job.created()).isEqualTo(1);
            assertThat(job.actor()).isEqualTo("system");
            ImportJob again = jobs.runNow(TestItemsTarget.ENTITY, file, ImportMode.ALL_OR_NOTHING, "system");
            assertThat(again.unchanged()).isEqualTo(1);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aJobLeftRunningByADeadInstanceIsMarkedFailed() {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into import_job (id, entity, mode, state, phase, rows_total, rows_checked, rows_done, "
                + "rows_created, rows_updated, rows_unchanged, rows_rejected, file_bytes, sha256, actor, created_at, "
                + "started_at, heartbeat_at) values (?, 'test-items', 'VALID_ROWS', 'RUNNING', 'WRITING', 10, 10, 5, "
                + "5, 0, 0, 0, 1, 'x', 'a', ?, ?, ?)", id, java.sql.Timestamp.from(Instant.now().minusSeconds(600)),
                java.sql.Timestamp.from(Instant.now().minusSeconds(600)),
                java.sql.Timestamp.from(Instant.now().minusSeconds(300)));
        jobs.failStale();
        JsonNode job = importer.get("/api/v1/imports/" + id).json();
        assertThat(job.path("state").asText()).isEqualTo("FAILED");
        assertThat(job.path("errorSummary").asText()).contains("stopped");
    }

    // --- helpers

    Answer upload(byte[] file, String fileName, String mode) {
        return upload(file, fileName, mode, BASE);
    }

    Answer upload(byte[] file, String fileName, String mode, String path) {
        String boundary = "----import" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return importer.send(importer.request(path + "?mode=" + mode)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    Answer uploadRaw(byte[] file, String contentType, String query) {
        return importer.send(importer.request(BASE + query).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
    }

    JsonNode awaitFinished(Answer accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo(accepted.json().path("links").path("self").asText());
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            last[0] = importer.get(location).json();
            String state = last[0].path("state").asText();
            return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("PARTIAL");
        });
        return last[0];
    }

    byte[] download(String path, int status) {
        try {
            HttpResponse<byte[]> r = HTTP.send(importer.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Instant lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
