package org.aftersaleshub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.ticket.CreateTicketRequest;
import org.junit.jupiter.api.Test;

/**
 * Every console table exports as CSV and xlsx with its page's filters and scope; every text cell a spreadsheet would
 * run as a formula is defused; a viewer may export the figures but not the records.
 */
class ExportControllerTest extends ConsoleTestSupport {

    private final String region = "导" + UUID.randomUUID().toString().substring(0, 8);

    ConsoleHttp signedIn(ConsoleRole role, List<String> regions) {
        ConsoleHttp b = new ConsoleHttp(base(), CANARIES);
        b.login(user(role, regions), PASSWORD);
        return b;
    }

    private Ticket formulaTicket() {
        return tickets.create(new CreateTicketRequest(Channel.WEB, "=HYPERLINK(\"http://evil\",\"点我\")", null,
                "+制冷异常", "x", Priority.NORMAL, region, null, null, null), "test");
    }

    @Test
    void ticketsExportAsCsvWithTheByteOrderMarkDefusedCellsAndTheRowCapInTheHeaders() {
        Ticket t = formulaTicket();

        ConsoleHttp.Download csv = signedIn(ConsoleRole.ADMIN, List.of()).download("/console/tickets.csv?region="
                + enc(region));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertThat(csv.headers().firstValue("X-Export-Row-Cap")).hasValue("100000");
        assertThat(csv.headers().firstValue("X-Export-Rows")).hasValue("1");
        assertThat(csv.headers().firstValue("X-Export-Truncated")).hasValue("false");
        String[] lines = csv.text().substring(1).split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("工单号 number,状态 status");
        assertThat(lines[1]).startsWith(t.number() + ",NEW,WEB,\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\","
                + region + ",,'+制冷异常,NORMAL,");
    }

    @Test
    void ticketsExportAsXlsxWithTheSameRowsAndDefusedCells() throws IOException {
        Ticket t = formulaTicket();

        ConsoleHttp.Download xlsx = signedIn(ConsoleRole.ADMIN, List.of()).download("/console/tickets.xlsx?region="
                + enc(region));

        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Map<String, String> parts = unzip(xlsx.body());
        String strings = text(parts.get("xl/sharedStrings.xml"));
        assertThat(strings).contains(t.number()).contains("工单号 number").contains(region)
                .contains(">'+制冷异常<").doesNotContain(">+制冷异常<")
                .contains(">'=HYPERLINK(\"http://evil\",\"点我\")<");
        assertThat(parts.get("xl/worksheets/sheet1.xml")).contains("r=\"2\"").doesNotContain("r=\"3\"")
                .doesNotContain("<f>");
    }

    @Test
    void aViewerCannotExportRecordsAndASupervisorExportsOnlyTheirRegion() {
        formulaTicket();

        ConsoleHttp viewer = signedIn(ConsoleRole.VIEWER, List.of());
        assertThat(viewer.download("/console/tickets.csv?region=" + enc(region)).status()).isEqualTo(403);
        assertThat(viewer.download("/console/tickets.xlsx").status()).isEqualTo(403);
        assertThat(viewer.download("/console/dead-letters.csv").status()).isEqualTo(403);
        assertThat(viewer.get("/console/tickets?region=" + enc(region)).body()).doesNotContain("id=\"export-csv\"");

        ConsoleHttp elsewhere = signedIn(ConsoleRole.SUPERVISOR, List.of("其他区域"));
        ConsoleHttp.Download none = elsewhere.download("/console/tickets.csv?region=" + enc(region));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.headers().firstValue("X-Export-Rows")).hasValue("0");
        ConsoleHttp.Download mine = signedIn(ConsoleRole.SUPERVISOR, List.of(region))
                .download("/console/tickets.csv?region=" + enc(region));
        assertThat(mine.headers().firstValue("X-Export-Rows")).hasValue("1");

        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'console.export'"
                + " and detail like ?", Integer.class, "%" + region + "%")).isEqualTo(2);
    }

    @Test
    void deadLettersExportWithTheirFiltersAndWithoutTheMessage() {
        Ticket t = formulaTicket();
        jdbc.update("insert into dead_letter (event_id, ticket_id, event_type, route_id, source_queue, target,"
                + " idempotency_key, payload, error, attempts, status, created_at) values (?, ?, 'TicketCreated',"
                + " 'outbound-webhook', 'q', 'good', 'k', ?, ?, 2, 'OPEN', ?)", UUID.randomUUID().toString(), t.id(),
                "{\"secret-looking\":\"payload\"}", "@SUM(1+1) HTTP 500", Timestamp.from(Instant.now()));

        ConsoleHttp admin = signedIn(ConsoleRole.ADMIN, List.of());
        ConsoleHttp.Download csv = admin.download("/console/dead-letters.csv?ticketId=" + t.id());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("X-Export-Rows")).hasValue("1");
        assertThat(csv.text()).contains(",OPEN,outbound-webhook,good,TicketCreated," + t.id() + ",2,0,'@SUM(1+1) HTTP 500")
                .doesNotContain("secret-looking");
        ConsoleHttp.Download xlsx = admin.download("/console/dead-letters.xlsx?ticketId=" + t.id());
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(admin.download("/console/dead-letters.csv?ticketId=" + t.id() + "&status=REPLAYED")
                .headers().firstValue("X-Export-Rows")).hasValue("0");
    }

    @Test
    void theFiguresExportForEveryRoleIncludingAViewer() throws IOException {
        Ticket t = formulaTicket();
        tickets.assign(t.id(), "-E-9", "test");
        jdbc.update("insert into part_usage (id, ticket_id, part_sku, quantity, unit, warehouse, state, recorded_at,"
                + " updated_at) values (?, ?, '-SP-1', 3, 'PCS', 'WH01', 'DEDUCTED', ?, ?)",
                UUID.randomUUID().toString(), t.id(), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
        ConsoleHttp viewer = signedIn(ConsoleRole.VIEWER, List.of());

        ConsoleHttp.Download load = viewer.download("/console/dashboard/engineer-load.csv?region=" + enc(region));
        assertThat(load.status()).isEqualTo(200);
        assertThat(load.text()).contains("'-E-9,,1");
        ConsoleHttp.Download parts = viewer.download("/console/dashboard/top-parts.csv?region=" + enc(region));
        assertThat(parts.status()).isEqualTo(200);
        assertThat(parts.text()).contains("'-SP-1,3.0,WH01,未知,未知,");
        ConsoleHttp.Download partsXlsx = viewer.download("/console/dashboard/top-parts.xlsx?region=" + enc(region));
        assertThat(text(unzip(partsXlsx.body()).get("xl/sharedStrings.xml"))).contains(">'-SP-1<");
        assertThat(viewer.download("/console/dashboard/top-parts.csv?from=nonsense").status()).isEqualTo(400);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The XML's character references and entities as the characters they stand for. */
    private static String text(String xml) {
        String s = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
        return s.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Read through the central directory: fastexcel streams its entries with data descriptors (ZIP64). */
    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Path file = Files.createTempFile("export", ".xlsx");
        try {
            Files.write(file, zip);
            Map<String, String> parts = new HashMap<>();
            try (ZipFile z = new ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(z.entries())) {
                    parts.put(e.getName(), new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return parts;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
