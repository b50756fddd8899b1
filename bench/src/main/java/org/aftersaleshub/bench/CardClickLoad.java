package org.aftersaleshub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The callback half of the IM benchmark: engineers click their cards through the mocks at a fixed rate, open loop,
 * one platform after the other. On each platform the cards are clicked 接单 (accept) one after the other, then 到场
 * (arrive), then 完成 (complete), so an engineer's next click comes {@code cards / rate} seconds after the previous
 * one, as on a phone. The mocks sign (DingTalk {@code x-ddpaas-signature}) or encrypt (WeCom) each click as the
 * platform does, send it to the hub and time the hub's answer ({@code elapsedMs}, whole milliseconds, measured by
 * the mock around its HTTP call); the benchmark also times the whole click call on its own clock. Afterwards every
 * clicked ticket must have gone ACCEPTED → IN_PROGRESS → RESOLVED once each (its status history).
 */
final class CardClickLoad {

    static final String[] ACTIONS = {"accept", "arrive", "complete"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One click; times are {@link System#nanoTime()} of this JVM. */
    static final class Click {
        final String platform;
        final String action;
        final Engineer engineer;
        final String cardId;
        final long scheduledAt;
        volatile long startedAt;
        volatile long endedAt;
        /** The mock's measure of the hub's answer, whole ms; -1 when no attempt was made. */
        volatile long elapsedMs = -1;
        volatile boolean accepted;
        volatile String verdict;
        /** Why the mock did not send the click, or null. */
        volatile String notSent;
        /** WeCom: sent as a bare template_card_event because the card did not show the button yet. */
        volatile boolean withoutButton;

        Click(String platform, String action, Engineer engineer, String cardId, long scheduledAt) {
            this.platform = platform;
            this.action = action;
            this.engineer = engineer;
            this.cardId = cardId;
            this.scheduledAt = scheduledAt;
        }
    }

    /** One platform's phase. */
    static final class Phase {
        String platform;
        int cards;
        final List<Click> clicks = new ArrayList<>();
        Checkpoint from;
        Checkpoint to;
        String loadAverage;
    }

    /** What the click half measured. */
    static final class Results {
        double rate;
        Duration seconds;
        final List<Phase> phases = new ArrayList<>();
        /** Per platform: tickets whose history has ACCEPTED, IN_PROGRESS and RESOLVED exactly once each. */
        final Map<String, Long> exactlyOnce = new TreeMap<>();
        /** Per platform and final status: how many clicked tickets ended there. */
        final Map<String, Long> finalStatus = new TreeMap<>();
        /** Per platform: tickets with a status entered more than once. */
        final Map<String, Long> twice = new TreeMap<>();
        /** Per platform: the card updates the mock recorded per card → how many cards. */
        final Map<String, Map<Integer, Long>> updatesPerCard = new TreeMap<>();
        /** Seconds from the last click until every clicked ticket was RESOLVED (or the wait ended). */
        double settleSeconds;
    }

    private final HubUnderTest hub;
    private final HubClient api;
    private final ImMocks im;
    private final List<Engineer> team;
    private final double rate;
    private final Duration seconds;
    private final int cardsPerPlatform;

    CardClickLoad(HubUnderTest hub, HubClient api, ImMocks im, List<Engineer> team, double rate, Duration seconds,
                  int cardsPerPlatform) {
        this.hub = hub;
        this.api = api;
        this.im = im;
        this.team = team;
        this.rate = rate;
        this.seconds = seconds;
        this.cardsPerPlatform = cardsPerPlatform;
    }

    Results run() throws Exception {
        Results r = new Results();
        r.rate = rate;
        r.seconds = seconds;
        ExecutorService clickers = Executors.newFixedThreadPool(64, t -> {
            Thread th = new Thread(t, "clicker");
            th.setDaemon(true);
            return th;
        });
        try {
            for (String platform : List.of("DINGTALK", "WECOM")) {
                r.phases.add(phase(platform, clickers));
            }
        } finally {
            clickers.shutdown();
            clickers.awaitTermination(60, TimeUnit.SECONDS);
        }
        long lastClick = System.nanoTime();
        settle(r);
        r.settleSeconds = (System.nanoTime() - lastClick) / 1e9;
        return r;
    }

    private Phase phase(String platform, ExecutorService clickers) throws Exception {
        Phase p = new Phase();
        p.platform = platform;
        List<Engineer> cards = new ArrayList<>();
        List<String> cardIds = new ArrayList<>();
        for (Engineer e : team) {
            List<ImMocks.Arrival> got = im.arrivals(e.imUserId());
            if (e.platform().equals(platform) && !got.isEmpty() && cards.size() < cardsPerPlatform) {
                cards.add(e);
                cardIds.add(got.get(got.size() - 1).cardId());
            }
        }
        p.cards = cards.size();
        int total = (int) Math.round(rate * seconds.toSeconds());
        System.out.printf("%s: %d clicks on %d cards at %.0f/s%n", platform, total, cards.size(), rate);
        if (cards.isEmpty()) {
            return p;
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        double period = 1e9 / rate;
        p.from = Checkpoint.take(hub, 0);
        p.loadAverage = BenchRun.loadAverage();
        for (int i = 0; i < total; i++) {
            int card = i % cards.size();
            String action = ACTIONS[Math.min(ACTIONS.length - 1, i / cards.size())];
            long at = start + Math.round(i * period);
            Click c = new Click(platform, action, cards.get(card), cardIds.get(card), at);
            p.clicks.add(c);
            Load.sleepUntil(at);
            clickers.execute(() -> click(c));
        }
        // every click of the phase answered before the next platform starts
        long deadline = System.nanoTime() + AssignmentLatencyBench.MAX_WAIT.toNanos();
        while (p.clicks.stream().anyMatch(c -> c.endedAt == 0) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20); // waiting for the benchmark's own click threads
        }
        p.to = Checkpoint.take(hub, 0);
        return p;
    }

    private void click(Click c) {
        c.startedAt = System.nanoTime();
        try {
            Map<String, Object> attempt;
            if (c.platform.equals("DINGTALK")) {
                attempt = im.dingtalk.clickCard(c.cardId, c.engineer.imUserId(),
                        JSON.createObjectNode().put("action", c.action), List.of("1"), "valid", null, null);
            } else {
                String key = c.action + ":" + c.engineer.ticketId();
                try {
                    attempt = im.wecom.clickCard(c.cardId, c.engineer.imUserId(), key, false);
                } catch (IllegalStateException | IllegalArgumentException noButtonYet) {
                    // the hub has not updated the card with 到场 / 完成 yet (its card updates queue behind the
                    // clicks): the same event, sent without the mock's button check, so the rate holds
                    c.withoutButton = true;
                    attempt = JSON.convertValue(im.wecom.clickTemplateCard(c.engineer.imUserId(), key, c.cardId,
                            "button_interaction", Long.parseLong(ImMocks.WC_AGENT)), Map.class);
                }
            }
            c.elapsedMs = ((Number) attempt.get("elapsedMs")).longValue();
            c.accepted = Boolean.TRUE.equals(attempt.get("accepted"));
            c.verdict = String.valueOf(attempt.get("verdict"));
        } catch (IllegalArgumentException | IllegalStateException refused) {
            c.notSent = refused.getMessage();
        } catch (RuntimeException e) {
            c.notSent = e.toString();
        } finally {
            c.endedAt = System.nanoTime();
        }
    }

    /** Waits until every clicked ticket is RESOLVED (at most MAX_WAIT), then reads the histories and the cards. */
    private void settle(Results r) throws Exception {
        Map<String, Click> lastPerTicket = new LinkedHashMap<>();
        for (Phase p : r.phases) {
            for (Click c : p.clicks) {
                lastPerTicket.put(c.engineer.ticketId(), c);
            }
        }
        long deadline = System.nanoTime() + AssignmentLatencyBench.MAX_WAIT.toNanos();
        List<String> open = new ArrayList<>(lastPerTicket.keySet());
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            List<String> still = new ArrayList<>();
            for (String id : open) {
                if (!"RESOLVED".equals(JSON.readTree(api.get("/api/v1/tickets/" + id)).path("status").asText())) {
                    still.add(id);
                }
            }
            open = still;
            if (!open.isEmpty()) {
                TimeUnit.MILLISECONDS.sleep(500); // polling the hub's state in a benchmark, not a test wait
            }
        }
        for (Click c : lastPerTicket.values()) {
            String platform = c.platform;
            JsonNode history = JSON.readTree(api.get("/api/v1/tickets/" + c.engineer.ticketId() + "/status-history"));
            Map<String, Integer> entered = new TreeMap<>();
            for (JsonNode h : history) {
                String to = h.path("toStatus").asText();
                if (!to.equals(h.path("fromStatus").asText())) {
                    entered.merge(to, 1, Integer::sum);
                }
            }
            boolean once = entered.getOrDefault("ACCEPTED", 0) == 1 && entered.getOrDefault("IN_PROGRESS", 0) == 1
                    && entered.getOrDefault("RESOLVED", 0) == 1;
            r.exactlyOnce.merge(platform, once ? 1L : 0L, Long::sum);
            r.twice.merge(platform, entered.values().stream().anyMatch(n -> n > 1) ? 1L : 0L, Long::sum);
            String status = JSON.readTree(api.get("/api/v1/tickets/" + c.engineer.ticketId())).path("status")
                    .asText();
            r.finalStatus.merge(platform + " " + status, 1L, Long::sum);
            Map<String, Object> card = platform.equals("DINGTALK") ? im.dingtalk.card(c.cardId)
                    : im.wecom.templateCard(c.cardId);
            int updates = card == null ? -1 : ((Number) card.getOrDefault("updateCount", -1)).intValue();
            r.updatesPerCard.computeIfAbsent(platform, k -> new TreeMap<>()).merge(updates, 1L, Long::sum);
        }
    }
}
