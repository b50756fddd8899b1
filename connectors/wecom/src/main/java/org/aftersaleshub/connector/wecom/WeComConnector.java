package org.aftersaleshub.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.http.Outcome;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.secret.SecretMasker;
import org.aftersaleshub.connector.wecom.connection.WeComClient;
import org.aftersaleshub.connector.wecom.connection.WeComLoginException;
import org.aftersaleshub.connector.wecom.connection.WeComReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeCom (企业微信) for one self-built app: app messages — text, markdown and interactive {@code template_card}s —
 * with per-recipient partial failures ({@link #sendAppMessage}, operation {@code app-message}), card updates with the
 * single-use response code ({@link #updateTemplateCard}, {@code card-update}), group robots
 * ({@link #sendRobotMessage}, {@code robot-send}) and the contacts reads of the staff sync ({@link #directory()}).
 * Messages stay within the connector's own per-member and per-robot send budgets ({@link WeComSendBudgets}). The
 * app's token is fetched once for all threads and renewed ahead of expiry or once when WeCom rejects it early
 * (docs/vendor-apis/wecom.md §2.2).
 *
 * <p>Idempotency: an app message goes out with WeCom's {@code enable_duplicate_check}; the JSON is built only from
 * the request, so a re-send of the same message (a lost answer, a redelivery) within
 * {@code wecom.duplicate-check-seconds} reaches each member once (docs/vendor-apis/wecom.md §3.1).
 */
public final class WeComConnector extends AbstractHubConnector<WeComConnector.Running> {

    public static final String NAME = "wecom";

    /** The whole message is refused (docs/vendor-apis/wecom.md §2.4, §3.3): no recipient, bad type, empty or large. */
    private static final Set<Integer> MESSAGE_REFUSED = Set.of(81013, 82001, 40008, 44004, 45002, 40058);
    /** The app itself is refused: agent id, permissions, IP allow-list (docs/vendor-apis/wecom.md §2.4). */
    private static final Set<Integer> APP_REFUSED = Set.of(40056, 48002, 60011, 60020);

    private static final Logger log = LoggerFactory.getLogger(WeComConnector.class);

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** The last configuration started with; kept after stop for {@link #toString()} (it masks secrets). */
    private volatile ConnectorConfig config;

    record Running(WeComClient client, WeComDirectory directory, long agentId, int duplicateCheckSeconds,
                   WeComSendBudgets budgets, WeComRobotSender robots) {
    }

    public WeComConnector() {
        this(Clock.systemUTC());
    }

    /** With a clock for token expiry (tests pass the mock's). */
    public WeComConnector(Clock clock) {
        super(NAME, WeComConfig.CONFIG_DEF, EnumSet.of(Capability.NOTIFICATION));
        this.clock = clock;
    }

    @Override
    protected Running open(ConnectorConfig c) {
        this.config = c;
        CommonKeys.Values calls = WeComConfig.CALLS.values(c);
        WeComClient client = client(c, calls);
        WeComSendBudgets budgets = new WeComSendBudgets(c.string(WeComConfig.CORP_ID),
                c.integer(WeComConfig.ROBOT_MESSAGES_PER_MINUTE), c.integer(WeComConfig.MEMBER_MESSAGES_PER_MINUTE),
                c.millis(WeComConfig.SEND_BUDGET_WAIT_MS));
        // robots need no app token: their own call loop, with the instance's limits
        ApiCaller<String> robotCalls = new ApiCaller<>(NAME, c.string(WeComConfig.CORP_ID) + "/robots", calls,
                ApiCaller.Credentials.none("wecom-robot"), masker(c));
        WeComRobotSender robots = new WeComRobotSender(c.uri(WeComConfig.BASE_URL).toString(),
                c.map(WeComConfig.ROBOT_KEYS), robotCalls, budgets, json);
        return new Running(client, new WeComDirectory(client, json, c.integer(WeComConfig.CONTACTS_PAGE_SIZE)),
                c.longValue(WeComConfig.AGENT_ID), c.integer(WeComConfig.DUPLICATE_CHECK_SECONDS), budgets, robots);
    }

    private WeComClient client(ConnectorConfig c, CommonKeys.Values calls) {
        return new WeComClient(c.uri(WeComConfig.BASE_URL).toString(), c.string(WeComConfig.CORP_ID),
                c.longValue(WeComConfig.AGENT_ID), c.string(WeComConfig.APP_SECRET),
                c.millis(WeComConfig.TOKEN_REFRESH_AHEAD_MS), calls, masker(c), json, clock);
    }

    /** The config's secrets, plus each robot key on its own (the map is one secret value as a whole). */
    private static SecretMasker masker(ConnectorConfig c) {
        List<String> secrets = new ArrayList<>(c.secretValues());
        secrets.addAll(c.map(WeComConfig.ROBOT_KEYS).values());
        return new SecretMasker(secrets);
    }

    /** Stage 2: fetch a token with the given corp id and secret, within {@code timeout}. */
    @Override
    public List<ConfigProblem> validateConnectivity(Map<String, String> raw, Duration timeout) {
        ConnectorConfig c;
        try {
            c = configDef().parse(NAME, raw);
        } catch (RuntimeException e) {
            return List.of(new ConfigProblem(WeComConfig.BASE_URL.name(), "connectivity", "the connectivity check "
                    + "needs valid parameters first (" + WeComConfig.BASE_URL.name() + " and the rest): "
                    + new SecretMasker(raw.values()).mask(e.getMessage())));
        }
        WeComClient probe = client(c, WeComConfig.CALLS.values(c).cappedAt(timeout));
        try {
            probe.token();
            return List.of();
        } catch (WeComLoginException e) {
            return List.of(new ConfigProblem(e.configKey(), e.configKey().equals(WeComConfig.BASE_URL.name())
                    ? "connectivity" : "authentication", e.reason()));
        } catch (ConnectorException e) {
            return List.of(new ConfigProblem(WeComConfig.BASE_URL.name(), "connectivity", WeComConfig.BASE_URL.name()
                    + " did not answer the token request: " + masker(c).mask(e.getMessage())));
        }
    }

    @Override
    public List<Operation<?>> operations() {
        List<Operation<?>> ops = new ArrayList<>(super.operations());
        ops.addAll(WeComOperations.all());
        return ops;
    }

    @Override
    public Optional<ApiCaller.Status> callStatus() {
        return Optional.ofNullable(runningOrNull()).map(r -> r.client().caller().status());
    }

    /** The contacts reads of the staff sync (docs/vendor-apis/wecom.md §9). */
    public WeComDirectory directory() {
        return running().directory();
    }

    /**
     * Sends one app message: text, markdown or an interactive template card
     * (docs/vendor-apis/wecom.md §3.1–§3.3, §10.1), within each member's send budget.
     *
     * @return SENT with the recipients WeCom did not deliver to (and, for a card, its single-use response code), or
     *         REJECTED when it refused the whole message
     * @throws WeComLimitException MEMBER_BUDGET when a member had no send permit in time (nothing sent)
     * @throws ConnectorException when no final answer came (retryable or unknown: redeliver the same message), or
     *         WeCom refused the app itself (agent id, permissions, IP allow-list: not retryable)
     */
    public AppMessageResult sendAppMessage(AppMessage m) {
        Running r = running();
        ObjectNode body = json.createObjectNode();
        body.put("touser", String.join("|", m.users()));
        body.put("toparty", String.join("|", m.parties()));
        body.put("totag", String.join("|", m.tags()));
        body.put("msgtype", m.type().msgtype());
        body.put("agentid", r.agentId());
        if (m.type() == AppMessage.Type.TEMPLATE_CARD) {
            body.set("template_card", m.card().toJson(json));
        } else {
            body.putObject(m.type().msgtype()).put("content", m.content());
        }
        body.put("safe", 0);
        if (r.duplicateCheckSeconds() > 0) {
            body.put("enable_duplicate_check", 1);
            body.put("duplicate_check_interval", r.duplicateCheckSeconds());
        }
        WeComReply reply = r.client().post("message/send", body, true, () -> r.budgets().acquireMembers(m.users()));
        if (MESSAGE_REFUSED.contains(reply.errcode())) {
            log.info("wecom app message {} refused: {}", m.key(), reply.describe());
            return new AppMessageResult(m.key(), AppMessageResult.Status.REJECTED, null, m.users(), m.parties(),
                    m.tags(), List.of(), reply.errcode(), reply.describe());
        }
        if (!reply.ok()) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "message/send: " + reply.describe());
        }
        JsonNode b = reply.body();
        AppMessageResult result = new AppMessageResult(m.key(), AppMessageResult.Status.SENT,
                b.path("msgid").asText(null), split(b, "invaliduser"), split(b, "invalidparty"),
                split(b, "invalidtag"), split(b, "unlicenseduser"), 0, null, b.path("response_code").asText(null));
        if (result.partial()) {
            log.info("wecom {}", result.summary());
        } else {
            log.debug("wecom {}", result.summary());
        }
        return result;
    }

    /**
     * Updates a delivered template card with its single-use response code (docs/vendor-apis/wecom.md §3.4, §10.2):
     * its buttons replaced by a label, or the whole card replaced, for the given recipients.
     *
     * <p>Without a response code nothing is called: the result is NEEDS_NEW_CARD, and the caller sends a new card
     * ({@link #sendAppMessage} with a template card). A code WeCom refuses (used, older than 72 h, unknown) gives
     * REJECTED, with the same advice. The code works once, so an update whose answer was lost is not repeated here;
     * its redelivery is likely REJECTED although the card changed.
     *
     * @throws ConnectorException NOT_RETRYABLE when WeCom refused the app itself (agent id, permissions, IP)
     */
    public TemplateCardUpdateResult updateTemplateCard(TemplateCardUpdate u) {
        if (u.responseCode() == null || u.responseCode().isBlank()) {
            return new TemplateCardUpdateResult(u.key(), TemplateCardUpdateResult.Status.NEEDS_NEW_CARD, List.of(), 0,
                    "no response_code at hand (each is single use): send a new card instead");
        }
        Running r = running();
        ObjectNode body = json.createObjectNode();
        if (!u.users().isEmpty()) {
            u.users().forEach(body.putArray("userids")::add);
        }
        if (!u.parties().isEmpty()) {
            ArrayNode parties = body.putArray("partyids");
            u.parties().forEach(p -> addId(parties, p));
        }
        if (!u.tags().isEmpty()) {
            ArrayNode tags = body.putArray("tagids");
            u.tags().forEach(t -> addId(tags, t));
        }
        body.put("atall", u.atAll() ? 1 : 0);
        body.put("agentid", r.agentId());
        body.put("response_code", u.responseCode());
        if (u.card() != null) {
            body.set("template_card", u.card().toJson(json));
        } else {
            body.putObject("button").put("replace_name", u.replaceName());
        }
        WeComReply reply = r.client().post("message/update_template_card", body, true);
        if (reply.ok()) {
            return new TemplateCardUpdateResult(u.key(), TemplateCardUpdateResult.Status.UPDATED,
                    ids(reply.body().path("invaliduser")), 0, null);
        }
        if (APP_REFUSED.contains(reply.errcode())) {
            throw new ConnectorException(NAME, Outcome.NOT_RETRYABLE, "message/update_template_card: "
                    + reply.describe());
        }
        return new TemplateCardUpdateResult(u.key(), TemplateCardUpdateResult.Status.REJECTED, List.of(),
                reply.errcode(), reply.describe() + "; the response_code may be used or older than 72 h: send a new "
                + "card instead");
    }

    /**
     * Sends one message to a group robot (docs/vendor-apis/wecom.md §5, §10.3) within the robot's send budget.
     *
     * @return DELIVERED, or REFUSED when WeCom refused the content for good
     * @throws WeComLimitException ROBOT_BUDGET or ROBOT_THROTTLED (45009): nothing sent, retry later
     * @throws IllegalArgumentException when the robot is not configured
     * @throws ConnectorException NOT_RETRYABLE when WeCom does not know the robot's key (93000)
     */
    public WeComRobotResult sendRobotMessage(WeComRobotMessage m) {
        return running().robots().send(m);
    }

    private static void addId(ArrayNode a, String id) {
        if (id.matches("\\d{1,18}")) {
            a.add(Long.parseLong(id));
        } else {
            a.add(id);
        }
    }

    /** {@code invaliduser} as WeCom writes it: {@code "a|b"}, or an array in some answers. */
    private static List<String> ids(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (!n.asText("").isBlank()) {
            out.addAll(List.of(n.asText().split("\\|")));
        }
        return out;
    }

    private static List<String> split(JsonNode b, String field) {
        String v = b.path(field).asText("");
        return v.isBlank() ? List.of() : List.of(v.split("\\|"));
    }

    @Override
    public String toString() {
        ConnectorConfig c = config;
        return "WeComConnector[" + (isStarted() ? "started" : "stopped") + ", " + (c == null ? "{}" : c) + "]";
    }
}
