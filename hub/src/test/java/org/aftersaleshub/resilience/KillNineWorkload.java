package org.aftersaleshub.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent API clients that keep creating tickets and recording part usages while the hub is killed under them,
 * and the ledger of what the hub answered.
 *
 * <p>Every change carries an {@code Idempotency-Key}; part usages also carry a client-chosen id. When a request
 * dies with the hub (no answer), the client either retries it with the same key after the restart (the normal
 * client behaviour; if the first attempt had committed, the hub replays its answer) or abandons it (a client that
 * gave up). An abandoned request is "in doubt": it may or may not have committed, so the test later finds out
 * from the store and counts it as unacknowledged-but-committed if present, never as invented.
 *
 * <p>Each ticket carries the run's customer id and its operation id as description, so the test can list every
 * ticket of the run and find each operation's tickets (exactly one if acknowledged, at most one if in doubt).
 */
final class KillNineWorkload {

    /** A change as the client sent it. */
    record Op(String id, String kind, String ticketId, String body, String idempotencyKey) {
        static final String CREATE = "create-ticket";
        static final String USAGE = "part-usage";
    }

    private final HubApiClient api;
    private final String customerId;
    private final ClientGate gate;
    private final long seed;
    private volatile boolean stopping;

    /** create-ticket op id → ticket id, for every create answered 2xx. */
    final Map<String, String> acknowledgedTickets = new ConcurrentHashMap<>();
    /** part-usage id → ticket id, for every usage answered 2xx. */
    final Map<String, String> acknowledgedUsages = new ConcurrentHashMap<>();
    /** Abandoned after the hub died under them: answer unknown. */
    final Queue<Op> inDoubt = new ConcurrentLinkedQueue<>();
    /** Retries after a lost answer that the hub answered as a replay: committed before the kill, 2xx lost. */
    final AtomicInteger replayedAfterLostAnswer = new AtomicInteger();
    /** Requests that got no answer (the hub died, or the connection was refused). */
    final AtomicInteger lostAnswers = new AtomicInteger();
    /** Any answer other than 2xx: must stay empty. */
    final Queue<String> unexpectedAnswers = new ConcurrentLinkedQueue<>();
    final AtomicLong acknowledged = new AtomicLong();

    KillNineWorkload(URI base, String apiKey, String customerId, ClientGate gate, long seed) {
        this.api = new HubApiClient(base, apiKey);
        this.customerId = customerId;
        this.gate = gate;
        this.seed = seed;
    }

    /** Asks the clients to finish their current change (retrying it until answered) and return. */
    void stop() {
        stopping = true;
    }

    /** One client thread's loop. */
    Runnable client(int number) {
        return () -> {
            Random random = new Random(seed * 31 + number);
            List<String> myTickets = new ArrayList<>();
            int sequence = 0;
            try {
                while (!stopping) {
                    sequence++;
                    String opId = customerId + "-c" + number + "-" + sequence;
                    Op op;
                    if (myTickets.isEmpty() || random.nextInt(100) < 45) {
                        op = new Op(opId, Op.CREATE, null, """
                                {"channel":"WEB","customerId":"%s","faultType":"kill9","region":"kill9",\
                                "description":"%s","priority":"HIGH"}""".formatted(customerId, opId), "k-" + opId);
                    } else {
                        String ticket = myTickets.get(random.nextInt(myTickets.size()));
                        op = new Op("pu-" + opId, Op.USAGE, ticket, """
                                {"id":"pu-%s","partSku":"SKU-%d","quantity":{"value":%d,"unit":"pcs"},\
                                "warehouse":"WH-1"}""".formatted(opId, random.nextInt(50), 1 + random.nextInt(5)),
                                "k-pu-" + opId);
                    }
                    String ticketId = execute(op, random);
                    if (ticketId != null && op.kind().equals(Op.CREATE)) {
                        myTickets.add(ticketId);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Sends until answered or abandoned; returns the ticket id of an acknowledged create. */
    private String execute(Op op, Random random) throws InterruptedException {
        boolean lostBefore = false;
        while (true) {
            if (!gate.awaitOpen(ClientGate.forever())) {
                throw new IllegalStateException("hub did not come back within 10 minutes");
            }
            HttpResponse<String> answer;
            try {
                answer = send(op);
            } catch (InterruptedException stopped) {
                // the request may have reached the hub and committed: the test checks the store for it
                inDoubt.add(op);
                throw stopped;
            } catch (IOException noAnswer) {
                lostAnswers.incrementAndGet();
                lostBefore = true;
                if (!stopping && random.nextBoolean()) {
                    inDoubt.add(op); // a client that gave up: the test finds out later whether it committed
                    return null;
                }
                continue; // retry with the same key once the hub is back
            }
            int status = answer.statusCode();
            if (status < 200 || status > 299) {
                unexpectedAnswers.add(op.kind() + " " + op.id() + " -> " + status + " " + answer.body());
                return null;
            }
            if (lostBefore && answer.headers().firstValue("Idempotent-Replayed").isPresent()) {
                replayedAfterLostAnswer.incrementAndGet();
            }
            acknowledged.incrementAndGet();
            if (op.kind().equals(Op.CREATE)) {
                String id = api.read(answer.body()).path("id").asText();
                acknowledgedTickets.put(op.id(), id);
                return id;
            }
            acknowledgedUsages.put(op.id(), op.ticketId());
            return null;
        }
    }

    private HttpResponse<String> send(Op op) throws IOException, InterruptedException {
        String path = op.kind().equals(Op.CREATE) ? "/api/v1/tickets"
                : "/api/v1/tickets/" + op.ticketId() + "/part-usages";
        return api.post(path, op.idempotencyKey(), op.body());
    }

    /** GET with the API key; the parsed body of a 200, or null for a 404. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return api.get(path);
    }
}
