package org.aftersaleshub.notify.waiting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersaleshub.connector.camel.ConnectorHeaders;
import org.aftersaleshub.deadletter.HubEventCapture;
import org.aftersaleshub.delivery.DeliveryContract;
import org.aftersaleshub.delivery.DeliveryJournal;
import org.aftersaleshub.delivery.DeliveryOutcome;
import org.aftersaleshub.delivery.DeliveryProperties;
import org.aftersaleshub.messaging.MessageHeaders;
import org.aftersaleshub.notify.NoticeFacts;
import org.aftersaleshub.notify.NoticeKind;
import org.aftersaleshub.notify.NoticeTemplates;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The steps of the {@code im-waiting-drain} route (routes/im-waiting.yaml): {@link #claim} the sends that are due —
 * one per target, the most urgent first, routine notices to one target merged into one digest — then for each,
 * {@link #prepare} the message for its connector endpoint and, after the endpoint took it, {@link #sent}. The call
 * itself is the route's {@code toD}, so the delivery contract (journal, key, bounded retries, dead letter) applies as
 * to any notice; a budget that is still full just parks it again.
 */
@Component("waitingDrain")
public class WaitingDrain {

    private static final Logger log = LoggerFactory.getLogger(WaitingDrain.class);

    /** Header: the connector endpoint the prepared message goes to. */
    public static final String ENDPOINT = "hubWaitingEndpoint";
    /** Exchange property: the digest's key, for a digest. */
    public static final String DIGEST = "hubWaitingDigest";
    /** Exchange property: the claimed send. */
    static final String CLAIM = "hubWaitingClaim";

    private final WaitingStore store;
    private final NoticeTemplates templates;
    private final DeliveryJournal journal;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + ":" + UUID.randomUUID();
    /** Sends this instance handed to their endpoint (a digest counts once): who drained, for operators and tests. */
    private final AtomicLong sentHere = new AtomicLong();

    public WaitingDrain(WaitingStore store, NoticeTemplates templates, DeliveryJournal journal, JdbcTemplate jdbc,
                        ObjectMapper json) {
        this.store = store;
        this.templates = templates;
        this.journal = journal;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The sends due now, claimed for this hub instance. Notices (or digests) the journal shows as finished — sent
     * by an instance that died before it could remove them — are removed instead of sent again.
     */
    public List<WaitingStore.Claim> claim() {
        List<WaitingStore.Claim> out = new ArrayList<>();
        for (WaitingStore.Claim c : store.claim(owner)) {
            String done = c.digest() ? finalOutcome(eventIdOf(c.digestKey()), c.digestKey())
                    : finalOutcome(c.notices().get(0).eventId(), c.notices().get(0).key());
            if (done == null) {
                out.add(c);
            } else if (c.digest() && !done.equals(DeliveryOutcome.SUCCESS.name())) {
                // the digest failed or was refused for good: each notice goes alone and gets its own outcome
                store.undigest(c.ids());
            } else {
                if (c.digest()) {
                    carried(c, DeliveryOutcome.valueOf(done), "");
                }
                store.delete(c.ids());
            }
        }
        return out;
    }

    /** Sets up the exchange for one claimed send: the message, its endpoint, the event it belongs to. */
    public void prepare(Exchange ex) throws Exception {
        WaitingStore.Claim c = ex.getMessage().getBody(WaitingStore.Claim.class);
        WaitingNotice head = c.notices().get(0);
        Message m = ex.getMessage();
        ex.setProperty(CLAIM, c);
        ex.setProperty(NoticeParking.WAITING_IDS, c.ids());
        ex.setProperty(NoticeParking.WAITING_TARGET, c.target());
        m.setHeader(ENDPOINT, head.endpoint());
        if (c.digest()) {
            ex.setProperty(DIGEST, c.digestKey());
            ex.setProperty(MessageHeaders.EVENT_ID, eventIdOf(c.digestKey()));
            ex.setProperty(MessageHeaders.EVENT_TYPE, "Digest");
            ex.setProperty(MessageHeaders.TICKET_ID, null);
            ex.setProperty(DeliveryContract.JOURNAL_NOTE, "digest of " + c.notices().size() + " notices: "
                    + String.join(", ", c.notices().stream().map(WaitingNotice::key).toList()));
            m.setBody(digestBody(c));
        } else {
            ex.setProperty(MessageHeaders.EVENT_ID, head.eventId());
            ex.setProperty(MessageHeaders.EVENT_TYPE, head.eventType());
            ex.setProperty(MessageHeaders.TICKET_ID, head.ticketId());
            m.setBody(head.body());
        }
        // a dead letter of this send reads as the original route's: its replay re-sends the event to that queue
        ex.setProperty(DeliveryProperties.EVENT_JSON, head.eventJson());
        ex.setProperty(HubEventCapture.SOURCE_QUEUE, head.sourceQueue());
    }

    /** After the endpoint took it (delivered, or refused for good): the rows go; a digest's notices get their rows. */
    public void sent(Exchange ex) {
        WaitingStore.Claim c = ex.getProperty(CLAIM, WaitingStore.Claim.class);
        @SuppressWarnings("unchecked")
        List<Long> ids = ex.getProperty(NoticeParking.WAITING_IDS, List.class);
        String digest = ex.getProperty(DIGEST, String.class);
        if (digest != null && c != null) {
            if ("FAILED".equals(ex.getMessage().getHeader(ConnectorHeaders.OUTCOME, String.class))) {
                // the platform refused the digest itself (its size, its content): each notice goes alone and gets
                // its own answer, rather than all of them refused for what one of them or the merge did
                log.warn("Digest {} refused ({}); its {} notices are sent one by one", digest,
                        ex.getMessage().getHeader(ConnectorHeaders.REASON, "", String.class), ids.size());
                store.undigest(ids);
                return;
            }
            carried(c, DeliveryOutcome.SUCCESS, "");
        }
        store.delete(ids);
        sentHere.incrementAndGet();
    }

    /**
     * How many waiting sends (a digest once) this instance has handed to their endpoint since it started. The
     * journal does not say which instance sent, so this is how two instances can be seen to share the drain.
     */
    public long sentByThisInstance() {
        return sentHere.get();
    }

    /** One row per notice a digest carried, on its own ticket's timeline, naming the digest. */
    private void carried(WaitingStore.Claim c, DeliveryOutcome outcome, String why) {
        for (WaitingNotice n : c.notices()) {
            journal.record(n.eventId(), n.ticketId(), n.eventType(), n.routeId(), instanceOf(n.target()), n.key(), 1,
                    outcome, null, 0, (outcome == DeliveryOutcome.SUCCESS ? "delivered in digest " : "refused in digest ")
                            + c.digestKey() + " with " + (c.notices().size() - 1) + " other notices" + why);
        }
    }

    /** The digest message: the first notice's message (recipient, robot, format) with the digest's key and text. */
    private String digestBody(WaitingStore.Claim c) throws Exception {
        WaitingNotice head = c.notices().get(0);
        ObjectNode body = (ObjectNode) json.readTree(head.body());
        String channel = head.target().startsWith("DINGTALK") ? "dingtalk" : "wecom";
        Map<String, Object> values = NoticeFacts.forDigest(c.notices().stream().map(WaitingNotice::text).toList());
        String text = templates.render(NoticeKind.DIGEST, channel, values);
        log.debug("Digest {} carries {} notices in {} bytes", c.digestKey(), c.notices().size(),
                WaitingStore.utf8(text));
        body.put("key", c.digestKey());
        body.put("content", text);
        if (body.has("title")) {
            body.put("title", "汇总通知（" + c.notices().size() + " 条）");
        }
        return body.toString();
    }

    private String finalOutcome(String eventId, String key) {
        List<String> outcomes = jdbc.queryForList("select outcome from delivery_journal where event_id = ? and"
                + " idempotency_key = ? and outcome in ('SUCCESS', 'REFUSED', 'DEAD_LETTER') order by id desc",
                String.class, eventId, key);
        return outcomes.isEmpty() ? null : outcomes.get(0);
    }

    /** A digest's journal event id: derived from its key, so every row of one digest names the same event. */
    static String eventIdOf(String digestKey) {
        return UUID.nameUUIDFromBytes(digestKey.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String instanceOf(String target) {
        String[] p = target.split(":", 3);
        return p.length > 1 ? p[1] : target;
    }
}
