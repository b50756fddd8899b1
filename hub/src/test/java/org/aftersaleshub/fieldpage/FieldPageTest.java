package org.aftersaleshub.fieldpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.security.ApiScope;
import org.aftersaleshub.testsupport.ErpInstances;
import org.aftersaleshub.ticket.TicketService;
import org.aftersaleshub.web.ApiTestClient;
import org.aftersaleshub.web.ApiTestSupport;
import org.aftersaleshub.web.ProblemBodies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The engineer's field page through real HTTP, as a phone's browser uses it, on the embedded default with the
 * erp-stock route booking in an ERP mock: which links open it, completing with a note, parts used booked in the ERP
 * once however often the form is sent, photo limits — each asserted on what the hub and the ERP mock ended up with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FieldPageTest extends ApiTestSupport {

    /** One ERP mock for this class and {@link FieldPagePostgresTest}, which runs the same cases on PostgreSQL. */
    static final StartedMock ERP = ErpInstances.fixtures().get(0).start();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ERP::close));
    }

    static final String SKU = "SP-FAN-004";
    static final String WAREHOUSE = ErpInstances.warehouseOf(ERP.erp(), "WH01");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ErpInstances.erpStockRouteOnly(r);
        ErpInstances.register(r, ErpInstances.sideBySide(List.of(ERP)));
    }

    @Autowired
    ApplicationContext hub;

    /** The master-data rows that say which instance books each demo warehouse, and every demo part's codes. */
    @BeforeEach
    void masterData() {
        ErpInstances.bookSideBySide(hub, List.of(ERP));
    }

    @Autowired
    FieldPageLinks links;
    @Autowired
    TicketService tickets;
    @Autowired
    Environment environment;

    String zhang;
    String li;
    String ticketId;

    @BeforeEach
    void engineersAndATicketAssignedToZhang() {
        ApiTestClient admin = client("field-admin", ApiScope.ADMIN);
        zhang = engineer(admin, "张三");
        li = engineer(admin, "李四");
        ApiTestClient.Answer created = writer().post("/api/v1/tickets", ApiTestClient.ticketJson());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ticketId = created.json().get("id").asText();
        tickets.assign(ticketId, zhang, "test");
    }

    static String engineer(ApiTestClient admin, String name) {
        ApiTestClient.Answer a = admin.post("/api/v1/staff", "{\"name\":\"" + name + "\",\"roles\":[\"ENGINEER\"]}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asText();
    }

    void toInProgress() {
        tickets.changeStatus(ticketId, TicketStatus.ACCEPTED, null, "test");
        tickets.changeStatus(ticketId, TicketStatus.IN_PROGRESS, null, "test");
    }

    /** The path of a link (the public base URL of a test hub is not its random port). */
    String path(String staffId) {
        String link = links.link(staffId, ticketId);
        return link.substring(link.indexOf("/field/"));
    }

    // ------------------------------------------------------------------ HTTP as a phone

    HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", HTML)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String path, String fileName, String claimedType, byte[] content) throws Exception {
        String boundary = "----phone" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + claimedType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "/photos"))
                .header("Accept", HTML).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static String formId(String page) {
        Matcher m = Pattern.compile("name=\"formId\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("the parts form's id in the page").isTrue();
        return m.group(1);
    }

    String status() {
        return jdbc.queryForObject("select status from ticket where id = ?", String.class, ticketId);
    }

    long version() {
        return jdbc.queryForObject("select version from ticket where id = ?", Long.class, ticketId);
    }

    // ------------------------------------------------------------------ the page

    @Test
    void thePageIsChineseForAPhoneAndLoadsNothingFromElsewhere() throws Exception {
        toInProgress();
        HttpResponse<String> r = get(path(zhang), HTML);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String page = r.body();
        String number = tickets.get(ticketId).number();
        assertThat(page).contains("<html lang=\"zh-CN\"", "name=\"viewport\"", "工单 " + number, "C-10086",
                "KFR-35（SN-001）", "制冷异常", "处理中", "处理说明", "完成工单", "使用的备件", "登记备件", "现场照片",
                "上传照片", "张三");
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContain("http://", "https://", "//cdn");
        Matcher urls = Pattern.compile("(?:src|href|action)=\"([^\"]*)\"").matcher(page);
        List<String> found = new ArrayList<>();
        while (urls.find()) {
            found.add(urls.group(1));
        }
        assertThat(found).isNotEmpty().allMatch(u -> u.startsWith("/field/"), "the hub's own paths");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'", "style-src 'self'");
        HttpResponse<String> css = get("/field/assets/field.css", "text/css,*/*;q=0.1");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(css.body()).doesNotContain("@import", "url(");
    }

    @Test
    void theLinkKeyOfTheEmbeddedDefaultIsMadeInTheDataDirectoryOwnerOnly() throws Exception {
        Path file = Path.of(environment.getProperty("hub.data-dir")).resolve(LinkKey.FILE_NAME);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    // ------------------------------------------------------------------ links that do not open it

    @Test
    void aTamperedExpiredOrOtherEngineersLinkIsAChinesePageOrAProblemAndChangesNothing() throws Exception {
        toInProgress();
        String good = path(zhang);
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
        String expired = "/field/" + links.token(zhang, ticketId, Instant.now().minusSeconds(1));
        String others = path(li);
        long version = version();
        record Case(String path, int status, String title, String type) {
        }
        for (Case c : List.of(new Case(tampered, 403, "链接无效", "field-link-invalid"),
                new Case(expired, 410, "链接已过期", "field-link-expired"),
                new Case(others, 403, "您已不是此工单的处理人", "field-link-not-assignee"))) {
            HttpResponse<String> html = get(c.path(), HTML);
            assertThat(html.statusCode()).as(c.path()).isEqualTo(c.status());
            assertThat(html.body()).contains(c.title(), "工单未做任何改动").doesNotContain("处理说明");
            HttpResponse<String> json = get(c.path(), "application/json");
            assertThat(json.statusCode()).isEqualTo(c.status());
            ProblemBodies.assertCleanProblem(c.type(), json.statusCode(),
                    json.headers().firstValue("Content-Type").orElse(null), json.body().getBytes(StandardCharsets.UTF_8));
            JsonNode p = ProblemBodies.STRICT.readTree(json.body());
            assertThat(p.path("type").asText()).endsWith(":" + c.type());
            assertThat(json.body()).doesNotContain(c.path().substring(7));
            // the forms refuse the same way and leave the ticket as it is
            HttpResponse<String> resolve = form(c.path() + "/resolve", fields("note", "已修好"));
            assertThat(resolve.statusCode()).isEqualTo(c.status());
            HttpResponse<String> part = form(c.path() + "/parts", fields("formId", "FP-" + UUID.randomUUID(),
                    "sku", SKU, "warehouse", WAREHOUSE, "quantity", "1"));
            assertThat(part.statusCode()).isEqualTo(c.status());
            assertThat(upload(c.path(), "a.png", "image/png", png(1)).statusCode()).isEqualTo(c.status());
        }
        assertThat(status()).isEqualTo("IN_PROGRESS");
        assertThat(version()).isEqualTo(version);
        assertThat(jdbc.queryForObject("select count(*) from part_usage where ticket_id = ?", Integer.class,
                ticketId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from field_photo where ticket_id = ?", Integer.class,
                ticketId)).isZero();
    }

    @Test
    void reassigningTheTicketEndsTheOldAssigneesLinkAndTheNewOneWorks() throws Exception {
        String zhangs = path(zhang);
        assertThat(get(zhangs, HTML).statusCode()).isEqualTo(200);
        tickets.assign(ticketId, li, "test");
        HttpResponse<String> old = get(zhangs, HTML);
        assertThat(old.statusCode()).isEqualTo(403);
        assertThat(old.body()).contains("您已不是此工单的处理人");
        assertThat(get(path(li), HTML).statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ 完成 with a note

    @Test
    void theNoteCompletesAnInProgressTicketAndStandsOnItsTimelineOnce() throws Exception {
        String link = path(zhang);
        tickets.changeStatus(ticketId, TicketStatus.ACCEPTED, null, "test");
        HttpResponse<String> tooEarly = form(link + "/resolve", fields("note", "更换启动电容"));
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(tooEarly.body()).contains("只有处理中的工单可以完成");
        assertThat(status()).isEqualTo("ACCEPTED");
        tickets.changeStatus(ticketId, TicketStatus.IN_PROGRESS, null, "test");

        HttpResponse<String> empty = form(link + "/resolve", fields("note", "   "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("请填写处理说明");
        assertThat(status()).isEqualTo("IN_PROGRESS");

        String note = "更换压缩机启动电容，试机制冷正常 <b>ok</b>";
        HttpResponse<String> done = form(link + "/resolve", fields("note", note));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location").orElse("")).contains(link + "?done=resolved");
        assertThat(status()).isEqualTo("RESOLVED");
        Map<String, Object> last = jdbc.queryForList("select from_status, to_status, actor, reason from status_history"
                + " where ticket_id = ? order by id desc", ticketId).get(0);
        assertThat(last.get("from_status")).isEqualTo("IN_PROGRESS");
        assertThat(last.get("to_status")).isEqualTo("RESOLVED");
        assertThat(last.get("actor")).isEqualTo("staff:" + zhang);
        assertThat((String) last.get("reason")).contains(note, "现场页面", "张三");
        JsonNode timeline = client("field-reader", ApiScope.TICKETS_READ).get("/api/v1/tickets/" + ticketId
                + "/timeline").json();
        assertThat(timeline.findValuesAsText("detail")).anyMatch(d -> d.contains(note));
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'field-page.resolve' and "
                + "target = ? and actor = ?", Integer.class, ticketId, "staff:" + zhang)).isEqualTo(1);
        HttpResponse<String> after = get(link + "?done=resolved", HTML);
        assertThat(after.body()).contains("工单已完成", "已解决").doesNotContain("<b>ok</b>");

        // sent again (a double tap, a back button): nothing more happens
        HttpResponse<String> again = form(link + "/resolve", fields("note", note));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("此工单已完成");
        assertThat(jdbc.queryForObject("select count(*) from status_history where ticket_id = ? and to_status = "
                + "'RESOLVED'", Integer.class, ticketId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'TicketResolved'", Integer.class, ticketId)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ parts used

    @Test
    void aPartUsedIsBookedInTheErpExactlyOnceHoweverOftenTheFormIsSent() throws Exception {
        toInProgress();
        String link = path(zhang);
        String formId = formId(get(link, HTML).body());
        Map<String, String> part = fields("formId", formId, "sku", SKU, "warehouse", WAREHOUSE, "quantity", "2",
                "unit", "个");
        // taps in a hurry: four sends at once (the losers of the race are retried, never shown a 409), then one more
        // after they answered
        List<CompletableFuture<HttpResponse<String>>> taps = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> send(link, part))).toList();
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> tap : taps) {
            answers.add(tap.get());
        }
        answers.add(form(link + "/parts", part));
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location").orElse("")).containsPattern("done=part(-again)?");
        });
        assertThat(jdbc.queryForList("select id from part_usage where ticket_id = ?", String.class, ticketId))
                .containsExactly(formId);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEDUCTED".equals(jdbc.queryForObject(
                "select state from part_usage where id = ?", String.class, formId)));
        List<StockConnectorFixture.ErpDocument> docs = ERP.documentsOfUsage(formId);
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).booked()).isTrue();
        assertThat(docs.get(0).quantity()).isEqualByComparingTo("2");
        assertThat(jdbc.queryForObject("select count(*) from outbox where ticket_id = ? and event_type = "
                + "'PartConsumed'", Integer.class, ticketId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'field-page.part-usage' and "
                + "target = ?", Integer.class, ticketId)).isEqualTo(1);
        // the ERP's booking is on the ticket's timeline and on the page
        JsonNode timeline = client("field-reader", ApiScope.TICKETS_READ).get("/api/v1/tickets/" + ticketId
                + "/timeline").json();
        assertThat(timeline.findValuesAsText("idempotencyKey")).contains(formId);
        assertThat(get(link, HTML).body()).contains(SKU, "2 个", "ERP 已扣减");
        // a new render is a new form: a second usage of the same part is booked as its own
        assertThat(formId(get(link, HTML).body())).isNotEqualTo(formId);
    }

    HttpResponse<String> send(String link, Map<String, String> part) {
        try {
            return form(link + "/parts", part);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPartFormWithMistakesNamesEachFieldInChineseAndBooksNothing() throws Exception {
        toInProgress();
        String link = path(zhang);
        long before = ERP.requestCount();
        HttpResponse<String> r = form(link + "/parts", fields("formId", formId(get(link, HTML).body()), "sku", "",
                "warehouse", "", "quantity", "0"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("请填写备件编码", "请填写仓库编码", "请填写大于 0 的数量");
        HttpResponse<String> unknown = form(link + "/parts", fields("formId", formId(get(link, HTML).body()), "sku",
                "SP-NOT-THERE-" + UUID.randomUUID().toString().substring(0, 6), "warehouse", WAREHOUSE,
                "quantity", "1"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("备件资料中没有此备件编码");
        HttpResponse<String> forged = form(link + "/parts", fields("formId", "PU-someone-elses", "sku", SKU,
                "warehouse", WAREHOUSE, "quantity", "1"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("表单已失效");
        assertThat(jdbc.queryForObject("select count(*) from part_usage where ticket_id = ?", Integer.class,
                ticketId)).isZero();
        assertThat(ERP.stockOrDocumentRequestsSince(before)).isEmpty();
    }

    // ------------------------------------------------------------------ photos

    @Test
    void photosAreCheckedByTheirBytesAndSizeAndServedOnlyThroughTheLink() throws Exception {
        toInProgress();
        String link = path(zhang);
        byte[] photo = png(7);
        HttpResponse<String> ok = upload(link, "现场.png", "image/png", photo);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location").orElse("")).contains("done=photo");
        String id = jdbc.queryForObject("select id from field_photo where ticket_id = ?", String.class, ticketId);
        String page = get(link, HTML).body();
        assertThat(page).contains("src=\"" + link + "/photos/" + id + "\"");
        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + link
                + "/photos/" + id)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(served.body()).isEqualTo(photo);
        assertThat(get(path(li) + "/photos/" + id, "image/*").statusCode()).isEqualTo(403);

        // the same picture again is kept once
        assertThat(upload(link, "again.png", "image/png", photo).headers().firstValue("Location").orElse(""))
                .contains("done=photo-again");
        // a PNG renamed .jpg and sent as a JPEG; a text file named .jpg; 6 MB
        HttpResponse<String> renamed = upload(link, "IMG_0001.jpg", "image/jpeg", png(8));
        assertThat(renamed.statusCode()).isEqualTo(415);
        assertThat(renamed.body()).contains("文件内容与扩展名不符");
        HttpResponse<String> text = upload(link, "IMG_0002.jpg", "image/jpeg",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("只接受 JPEG、PNG 或 WebP");
        HttpResponse<String> large = upload(link, "IMG_0003.jpg", "image/jpeg", jpeg(6 * 1024 * 1024, 1));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.body()).contains("照片不能超过 5 MB");
        assertThat(jdbc.queryForObject("select count(*) from field_photo where ticket_id = ?", Integer.class,
                ticketId)).isEqualTo(1);

        // up to nine per ticket
        for (int i = 2; i <= 9; i++) {
            assertThat(upload(link, "p" + i + ".jpg", "image/jpeg", jpeg(2048, i)).statusCode()).isEqualTo(303);
        }
        HttpResponse<String> tenth = upload(link, "p10.jpg", "image/jpeg", jpeg(2048, 10));
        assertThat(tenth.statusCode()).isEqualTo(409);
        assertThat(tenth.body()).contains("最多 9 张");
        assertThat(jdbc.queryForObject("select count(*) from field_photo where ticket_id = ?", Integer.class,
                ticketId)).isEqualTo(9);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'field-page.photo' and "
                + "target = ?", Integer.class, ticketId)).isEqualTo(9);
        // the API's own body limit is untouched by the photo path
        ApiTestClient.Answer big = writer().post("/api/v1/tickets", "{\"x\":\"" + "a".repeat(300 * 1024) + "\"}");
        assertThat(big.status()).isEqualTo(413);
    }

    /** A small real PNG, different per seed. */
    static byte[] png(int seed) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 4,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, seed * 7919);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Bytes that start like a JPEG (what the check reads), of the given size, different per seed. */
    static byte[] jpeg(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
        return b;
    }
}
