package org.aftersaleshub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.security.DemoApiKeyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the embedded default with sample traffic through the public REST API (with the demo key), so the
 * console and timelines show real events: every step creates a ticket or moves an earlier one forward
 * (assign, accept, start, use a part, resolve, close).
 */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoFeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFeeder.class);
    private static final String[] REGIONS = {"华东", "华南", "华北"};
    private static final String[] FAULTS = {"制冷异常", "无法开机", "异响", "漏水", "显示故障"};
    private static final String[] ENGINEERS = {"S004", "S005", "S006", "S007", "S008", "S009"};
    private static final String[] PARTS = {"SP-COMP-001", "SP-PSU-002", "SP-MCB-003", "SP-FAN-004", "SP-SEAL-006"};

    private final DemoProperties props;
    private final DemoApiKeyFile keyFile;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String[]> open = new ArrayList<>(); // {ticketId, step}
    private ScheduledExecutorService timer;
    private volatile int port;
    private int created;

    public DemoFeeder(DemoProperties props, DemoApiKeyFile keyFile, ObjectMapper mapper) {
        this.props = props;
        this.keyFile = keyFile;
        this.mapper = mapper;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-feeder"));
        timer.scheduleWithFixedDelay(this::stepQuietly, props.intervalMs(), props.intervalMs(), TimeUnit.MILLISECONDS);
        log.info("Demo feeder on: a sample ticket step every {} ms (hub.demo.enabled=false turns it off)",
                props.intervalMs());
    }

    private void stepQuietly() {
        try {
            step();
        } catch (Exception e) {
            log.debug("demo step skipped: {}", e.getMessage());
        }
    }

    private void step() throws Exception {
        if (port == 0 || !Files.exists(keyFile.file())) {
            return;
        }
        String key = Files.readString(keyFile.file()).trim();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (open.isEmpty() || (created < props.maxTickets() && rnd.nextInt(3) == 0)) {
            JsonNode t = post(key, "/api/v1/tickets", """
                    {"channel":"CALL_CENTER","customerId":"C%04d","faultType":"%s","description":"演示工单：客户报修",
                     "priority":"NORMAL","region":"%s","device":{"serial":"SN%06d","model":"AC-9"}}"""
                    .formatted(rnd.nextInt(1, 21), FAULTS[rnd.nextInt(FAULTS.length)], REGIONS[rnd.nextInt(3)],
                            rnd.nextInt(1_000_000)));
            if (t != null) {
                open.add(new String[] {t.path("id").asText(), "0"});
                created++;
            }
            return;
        }
        String[] ticket = open.get(rnd.nextInt(open.size()));
        String id = ticket[0];
        int step = Integer.parseInt(ticket[1]);
        String path = "/api/v1/tickets/" + id;
        boolean ok = switch (step) {
            case 0 -> post(key, path + "/assignment", "{\"assigneeId\":\"" + engineer(key, rnd) + "\"}") != null;
            case 1 -> post(key, path + "/status", "{\"status\":\"ACCEPTED\"}") != null;
            case 2 -> post(key, path + "/status", "{\"status\":\"IN_PROGRESS\"}") != null;
            case 3 -> usePart(key, path, rnd);
            case 4 -> post(key, path + "/status", "{\"status\":\"RESOLVED\",\"reason\":\"更换备件后恢复正常\"}") != null;
            default -> post(key, path + "/status", "{\"status\":\"CLOSED\"}") != null;
        };
        if (ok && step >= 5) {
            open.remove(ticket);
        } else if (ok) {
            ticket[1] = Integer.toString(step + 1);
        }
    }

    /**
     * An active engineer of the staff directory (filled from the IM mocks' contacts by the sync), so the assignment
     * reaches a person on DingTalk or WeCom; the fixed demo ids before the first sync.
     */
    private String engineer(String key, ThreadLocalRandom rnd) throws Exception {
        JsonNode page = get(key, "/api/v1/staff?role=ENGINEER&active=true&size=200");
        JsonNode items = page == null ? null : page.path("items");
        if (items != null && items.size() > 0) {
            return items.get(rnd.nextInt(items.size())).path("id").asText();
        }
        return ENGINEERS[rnd.nextInt(ENGINEERS.length)];
    }

    private JsonNode get(String key, String path) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return res.statusCode() / 100 == 2 ? mapper.readTree(res.body()) : null;
    }

    /**
     * The engineer takes a part from stock (the ERP deducts it); now and then it was the wrong one and goes back
     * (the ERP books the compensating inbound document), so the demo shows both on a timeline.
     */
    private boolean usePart(String key, String ticketPath, ThreadLocalRandom rnd) throws Exception {
        String usageId = "demo-" + UUID.randomUUID();
        boolean used = post(key, ticketPath + "/part-usages", "{\"id\":\"" + usageId + "\",\"partSku\":\""
                + PARTS[rnd.nextInt(PARTS.length)] + "\",\"quantity\":{\"value\":1,\"unit\":\"个\"},"
                + "\"warehouse\":\"WH01\"}") != null;
        if (used && rnd.nextInt(4) == 0) {
            post(key, ticketPath + "/part-usages/" + usageId + "/return", "{\"reason\":\"领错备件，退回仓库\"}");
        }
        return used;
    }

    private JsonNode post(String key, String path, String json) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            log.debug("demo call {} answered {}", path, res.statusCode());
            return null;
        }
        return mapper.readTree(res.body());
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
