package org.aftersaleshub.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API clients that record part usages on their own tickets, at a steady pace, while the hub is killed under them;
 * and the ledger of what the hub answered, for the ERP kill -9 test.
 *
 * <p>Each client draws the part and warehouse of every usage from a few stock slots, so usages of different parts
 * run side by side and several usages of the same part and warehouse queue behind each other. Every request carries
 * an {@code Idempotency-Key}; a usage also carries its client-chosen id (the key of its ERP document). When a
 * request dies with the hub, the client either retries it with the same key once the hub is back (if the first
 * attempt had committed, the hub replays its answer) or abandons it: the usage is then "in doubt" and the test looks
 * it up in the store afterwards. Ticket creations are always retried: a usage needs a known ticket.
 *
 * <p>The pace (requests per second, across all clients) keeps the volume, and so the drain after the last restart,
 * small, while the ERP route still has deductions in flight when the hub dies.
 */
final class PartUsageClients implements AutoCloseable {

    /** A part and the warehouse it is taken from. */
    record StockSlot(String partSku, String warehouse) {
    }

    /** A part usage as a client sent it. */
    record Usage(String id, String ticketId, StockSlot slot, BigDecimal quantity) {

        String body() {
            return """
                    {"id":"%s","partSku":"%s","quantity":{"value":%s,"unit":"个"},"warehouse":"%s"}"""
                    .formatted(id, slot.partSku(), quantity.toPlainString(), slot.warehouse());
        }
    }

    private static final Duration TICK = Duration.ofMillis(50);

    private final HubApiClient api;
    private final ClientGate gate;
    private final long seed;
    private final List<StockSlot> slots;
    private final Semaphore pace = new Semaphore(0);
    private ExecutorService threads;
    private ScheduledExecutorService pacer;
    private final List<Future<?>> running = new ArrayList<>();
    private volatile boolean stopping;

    /** Part-usage id → usage, for every usage answered 2xx. */
    final Map<String, Usage> acknowledged = new ConcurrentHashMap<>();
    /** Usages abandoned after the hub died under them: committed or not, the store tells. */
    final Queue<Usage> inDoubt = new ConcurrentLinkedQueue<>();
    /** Every ticket the clients created (all acknowledged: creations are retried until answered). */
    final Set<String> tickets = ConcurrentHashMap.newKeySet();
    /** Requests that got no answer (the hub died, or the connection was refused). */
    final AtomicInteger lostAnswers = new AtomicInteger();
    /** Retries after a lost answer that the hub answered as a replay: committed before the kill, 2xx lost. */
    final AtomicInteger replayedAfterLostAnswer = new AtomicInteger();
    /** Any answer other than 2xx: must stay empty. */
    final Queue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();

    PartUsageClients(URI base, String apiKey, ClientGate gate, long seed, List<StockSlot> slots) {
        this.api = new HubApiClient(base, apiKey);
        this.gate = gate;
        this.seed = seed;
        this.slots = List.copyOf(slots);
    }

    /** Starts {@code count} client threads sending {@code requestsPerSecond} requests between them while the gate is open. */
    void start(int count, int requestsPerSecond) {
        int perTick = Math.max(1, (int) (requestsPerSecond * TICK.toMillis() / 1000));
        pacer = Executors.newSingleThreadScheduledExecutor();
        pacer.scheduleAtFixedRate(() -> {
            // no credit piles up while the hub is down, so a restart is not met by a burst
            if (gate.isOpen() && pace.availablePermits() < perTick) {
                pace.release(perTick);
            }
        }, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        threads = Executors.newFixedThreadPool(count);
        for (int i = 0; i < count; i++) {
            running.add(threads.submit(client(i)));
        }
    }

    /** Lets the clients finish their current request (retrying it until answered) and waits for them. */
    void stopAndAwait(Duration timeout) throws Exception {
        stopping = true;
        pace.release(running.size());
        for (Future<?> f : running) {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (pacer != null) {
            pacer.shutdownNow();
        }
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private Runnable client(int number) {
        return () -> {
            Random random = new Random(seed * 31 + number);
            List<String> myTickets = new ArrayList<>();
            int sequence = 0;
            try {
                while (true) {
                    pace.acquire();
                    if (stopping) {
                        return;
                    }
                    sequence++;
                    if (myTickets.isEmpty() || random.nextInt(100) < 15) {
                        myTickets.add(createTicket("c" + number + "-" + sequence));
                    } else {
                        StockSlot slot = slots.get(random.nextInt(slots.size()));
                        Usage usage = new Usage("PU-C" + number + "-" + sequence,
                                myTickets.get(random.nextInt(myTickets.size())), slot,
                                BigDecimal.valueOf(1 + random.nextInt(3)));
                        send(usage, random);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Creates a ticket, retrying with the same key until answered; returns its id. */
    String createTicket(String op) throws InterruptedException {
        String body = """
                {"channel":"WEB","customerId":"erp-kill9","faultType":"erp-kill9","region":"华东",\
                "description":"%s","priority":"NORMAL"}""".formatted(op);
        HttpResponse<String> answer = null;
        boolean lostBefore = false;
        while (answer == null) {
            awaitGate();
            try {
                answer = api.post("/api/v1/tickets", "t-" + op, body);
            } catch (IOException noAnswer) {
                lostAnswers.incrementAndGet();
                lostBefore = true;
            }
        }
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            throw new IllegalStateException("create ticket " + op + " -> " + answer.statusCode() + " " + answer.body());
        }
        countReplay(answer, lostBefore);
        String id = api.read(answer.body()).path("id").asText();
        tickets.add(id);
        return id;
    }

    /**
     * Records a usage while the hub is known to be up and staying up; throws unless answered 2xx.
     */
    void record(Usage usage) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = api.post(path(usage), "k-" + usage.id(), usage.body());
        } catch (IOException e) {
            throw new IllegalStateException("recording " + usage.id() + " got no answer", e);
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("recording " + usage.id() + " -> " + answer.statusCode() + " " + answer.body());
        }
        acknowledged.put(usage.id(), usage);
    }

    /** Sends until answered or abandoned. */
    private void send(Usage usage, Random random) throws InterruptedException {
        boolean lostBefore = false;
        while (true) {
            awaitGate();
            HttpResponse<String> answer;
            try {
                answer = api.post(path(usage), "k-" + usage.id(), usage.body());
            } catch (InterruptedException stopped) {
                inDoubt.add(usage); // it may have reached the hub and committed: the test checks the store
                throw stopped;
            } catch (IOException noAnswer) {
                lostAnswers.incrementAndGet();
                lostBefore = true;
                if (!stopping && random.nextBoolean()) {
                    inDoubt.add(usage); // a client that gave up
                    return;
                }
                continue; // retry with the same key once the hub is back
            }
            if (answer.statusCode() / 100 != 2) {
                unexpectedAnswers.add("usage " + usage.id() + " -> " + answer.statusCode() + " " + answer.body());
                return;
            }
            countReplay(answer, lostBefore);
            acknowledged.put(usage.id(), usage);
            return;
        }
    }

    private void countReplay(HttpResponse<String> answer, boolean lostBefore) {
        if (lostBefore && answer.headers().firstValue("Idempotent-Replayed").isPresent()) {
            replayedAfterLostAnswer.incrementAndGet();
        }
    }

    private void awaitGate() throws InterruptedException {
        if (!gate.awaitOpen(ClientGate.forever())) {
            throw new IllegalStateException("hub did not come back within 10 minutes");
        }
    }

    private static String path(Usage usage) {
        return "/api/v1/tickets/" + usage.ticketId() + "/part-usages";
    }

    /** GET with the API key; the parsed body of a 200, or null for a 404. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return api.get(path);
    }
}
