package org.aftersaleshub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.aftersaleshub.notify.ImInstances;
import org.aftersaleshub.security.DemoApiKeyFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Feeds the embedded default with sample traffic through the public REST API (with the demo key), so the
 * console and timelines show real events: every step creates a ticket or moves an earlier one forward, by what the
 * ticket's status is now. A new ticket is assigned by the shipped dispatch rules (rules/dispatch.yaml: 硬件维修 to
 * the hardware engineer of its region, 软件咨询 to the software one), which the feeder prepares by giving the synced
 * engineers the skills 硬件 / 软件; one the rules leave in the fallback queue (安装预约) is assigned by hand, as its
 * supervisor would. Then the engineer presses 接单, 到场 and (after using a part) 完成 on the card the hub sent to the
 * DingTalk or WeCom mock ({@link DemoCardClicks}), falling back to the API when no card came; close. On the demo
 * clock one HIGH ticket is left unaccepted on purpose, to show the escalation rules ({@link #escalationTicket}).
 */
@Component
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoFeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoFeeder.class);
    private static final String[] REGIONS = {"华东", "华南", "华北"};
    /** Fault types of the shipped dispatch rules, and one no rule matches (the fallback queue and its notice). */
    private static final String[] FAULTS = {"硬件维修", "硬件维修", "软件咨询", "软件咨询", "硬件维修", "安装预约"};
    /** The dispatch rules' groups: 硬件组 and 软件组 are the engineers with these skills. */
    private static final String[] GROUP_SKILLS = {"硬件", "软件"};
    /** Steps a ticket may stay NEW (dispatch runs on its TicketCreated) before the feeder assigns it by hand. */
    private static final int DISPATCH_STEPS = 2;
    private static final String[] ENGINEERS = {"S004", "S005", "S006", "S007", "S008", "S009"};
    private static final String[] PARTS = {"SP-COMP-001", "SP-PSU-002", "SP-MCB-003", "SP-FAN-004", "SP-SEAL-006"};

    private final DemoProperties props;
    /** The in-process mocks run (ports 18084/18085 are ours): only then are cards clicked there. */
    private final boolean mocks;
    private final DemoApiKeyFile keyFile;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long CLICK_SETTLE_MS = 15_000;

    private final List<DemoTicket> open = new ArrayList<>();
    private final DemoCardClicks cards;
    private ScheduledExecutorService timer;
    private volatile int port;
    private int created;
    /** The demo clock's unaccepted ticket, once created. */
    private String escalationTicket;

    public DemoFeeder(DemoProperties props, DemoApiKeyFile keyFile, ObjectMapper mapper, Environment env,
                      ImInstances instances,
                      @Value("${hub.demo.mocks.enabled:true}") boolean mocks) {
        this.props = props;
        this.mocks = mocks;
        this.keyFile = keyFile;
        this.mapper = mapper;
        this.cards = new DemoCardClicks(http, mapper, DemoCardClicks.MockUrls.of(env, instances));
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
        if (props.timeScale() > 1 && escalationTicket == null && escalationTicket(key)) {
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (open.isEmpty() || (created < props.maxTickets() && rnd.nextInt(3) == 0)) {
            giveGroupSkills(key);
            // a demo customer and its device (demo/master-data: customer C00nn owns device SN0000nn)
            int customer = rnd.nextInt(1, 21);
            JsonNode t = post(key, "/api/v1/tickets", """
                    {"channel":"CALL_CENTER","customerId":"C%04d","faultType":"%s","description":"演示工单：客户报修",
                     "priority":"NORMAL","region":"%s","device":{"serial":"SN%06d","model":"AC-9"}}"""
                    .formatted(customer, FAULTS[rnd.nextInt(FAULTS.length)], REGIONS[rnd.nextInt(3)], customer));
            if (t != null) {
                open.add(new DemoTicket(t.path("id").asText()));
                created++;
            }
            return;
        }
        DemoTicket ticket = open.get(rnd.nextInt(open.size()));
        String path = "/api/v1/tickets/" + ticket.id;
        JsonNode now = get(key, path);
        String status = now == null ? "GONE" : now.path("status").asText();
        boolean done = switch (status) {
            case "NEW" -> {
                // dispatch assigns it on TicketCreated; one still NEW after that waits in the fallback queue
                if (++ticket.stepsNew > DISPATCH_STEPS) {
                    post(key, path + "/assignment", "{\"assigneeId\":\"" + engineer(key, rnd) + "\"}");
                }
                yield false;
            }
            case "ASSIGNED" -> byCard(key, ticket, now, "accept", "ACCEPTED", null);
            case "ACCEPTED" -> byCard(key, ticket, now, "arrive", "IN_PROGRESS", null);
            case "IN_PROGRESS" -> {
                if (!ticket.partUsed) {
                    ticket.partUsed = usePart(key, path, rnd);
                    yield false;
                }
                yield byCard(key, ticket, now, "complete", "RESOLVED", "更换备件后恢复正常");
            }
            case "RESOLVED" -> {
                post(key, path + "/status", "{\"status\":\"CLOSED\"}");
                yield false;
            }
            default -> true;
        };
        if (done) {
            open.remove(ticket);
        }
    }

    /**
     * The engineer presses {@code action} on the ticket's card; once no card has come after a few tries (an
     * engineer without an IM id, the mocks off), the API moves the ticket instead. A click already sent is given
     * time to take effect before it is pressed again.
     */
    private boolean byCard(String key, DemoTicket ticket, JsonNode now, String action, String status, String reason)
            throws Exception {
        long nowMs = System.currentTimeMillis();
        if (action.equals(ticket.clicked) && nowMs - ticket.clickedAt < CLICK_SETTLE_MS) {
            return false;
        }
        if (mocks && ticket.cardMisses < 3 && clicked(ticket, now.path("number").asText(), action)) {
            ticket.clicked = action;
            ticket.clickedAt = nowMs;
            return false;
        }
        ticket.cardMisses++;
        if (!mocks || ticket.cardMisses >= 3) {
            post(key, "/api/v1/tickets/" + ticket.id + "/status", "{\"status\":\"" + status + "\""
                    + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}");
        }
        return false;
    }

    private boolean clicked(DemoTicket ticket, String number, String action) {
        try {
            return cards.click(ticket.id, number, action);
        } catch (Exception e) {
            log.debug("demo click {} on {} not sent: {}", action, number, e.getMessage());
            return false;
        }
    }

    /**
     * On the demo clock ({@code hub.demo.time-scale}), once the staff directory has a 华东 supervisor to tell: one
     * HIGH ticket that the feeder never moves, so nobody accepts it. The shipped rules then escalate it while one
     * watches — 30 s (= 30m) 自动升级 to URGENT with the supervisor told, 2 min (= 2h) 紧急预警 and the 服务总监 told
     * (docs/sla.md, "The demo clock"). True when it was created by this step.
     */
    private boolean escalationTicket(String key) throws Exception {
        JsonNode supervisors = get(key, "/api/v1/staff?role=SUPERVISOR&active=true&region=%E5%8D%8E%E4%B8%9C&size=1");
        if (supervisors == null || supervisors.path("items").isEmpty()) {
            return false;
        }
        JsonNode t = post(key, "/api/v1/tickets", """
                {"channel":"CALL_CENTER","customerId":"C0001","faultType":"硬件维修","priority":"HIGH","region":"华东",
                 "description":"演示工单：无人接单，演示时钟下的超时升级","device":{"serial":"SN000001","model":"AC-9"}}""");
        if (t == null) {
            return false;
        }
        escalationTicket = t.path("id").asText();
        log.info("Demo clock (演示时钟, SLA durations / {}): ticket {} is left unaccepted; by "
                + "rules/sla.yaml it escalates {} s (自动升级) and {} s (紧急预警) after its creation. See it: curl -s "
                + "localhost:{}/api/v1/tickets/{}/sla -H \"Authorization: Bearer $(cat data/demo-api-key.txt)\"",
                props.timeScale(), t.path("number").asText(), 1800 / props.timeScale(), 7200 / props.timeScale(), port,
                escalationTicket);
        return true;
    }

    /** A ticket the feeder drives, and how far its engineer's clicks got. */
    private static final class DemoTicket {
        final String id;
        int stepsNew;
        boolean partUsed;
        String clicked;
        long clickedAt;
        int cardMisses;

        DemoTicket(String id) {
            this.id = id;
        }
    }

    /**
     * Gives the synced engineers of each region, alternately, the skill 硬件 or 软件 (the IM directory knows no
     * skills; the hub keeps them), so the shipped rules find a hardware and a software engineer per region. Once an
     * engineer has one, it is left as it is — an admin may move people between the groups.
     */
    private void giveGroupSkills(String key) throws Exception {
        JsonNode page = get(key, "/api/v1/staff?role=ENGINEER&active=true&size=200");
        JsonNode items = page == null ? null : page.path("items");
        if (items == null) {
            return;
        }
        Map<String, List<JsonNode>> byRegion = new TreeMap<>();
        for (JsonNode s : items) {
            byRegion.computeIfAbsent(s.path("region").asText(""), r -> new ArrayList<>()).add(s);
        }
        for (List<JsonNode> people : byRegion.values()) {
            people.sort(Comparator.comparing(s -> s.path("name").asText("")));
            for (int i = 0; i < people.size(); i++) {
                JsonNode s = people.get(i);
                List<String> skills = new ArrayList<>();
                s.path("skills").forEach(k -> skills.add(k.asText()));
                if (skills.contains(GROUP_SKILLS[0]) || skills.contains(GROUP_SKILLS[1])) {
                    continue;
                }
                skills.add(GROUP_SKILLS[i % 2]);
                ObjectNode body = mapper.createObjectNode();
                for (String f : List.of("employeeNo", "name", "phone", "region", "team", "roles", "supervisorId",
                        "dingTalkUserId", "weComUserId", "preferredChannel", "active", "version")) {
                    if (s.hasNonNull(f)) {
                        body.set(f, s.get(f));
                    }
                }
                body.set("skills", mapper.valueToTree(skills));
                put(key, "/api/v1/staff/" + s.path("id").asText(), body.toString());
            }
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

    private void put(String key, String path, String json) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            log.debug("demo call PUT {} answered {}", path, res.statusCode());
        }
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
