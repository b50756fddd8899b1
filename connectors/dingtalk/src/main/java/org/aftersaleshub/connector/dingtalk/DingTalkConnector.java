package org.aftersaleshub.connector.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersaleshub.connector.AbstractHubConnector;
import org.aftersaleshub.connector.Capability;
import org.aftersaleshub.connector.ConnectorException;
import org.aftersaleshub.connector.call.ApiCaller;
import org.aftersaleshub.connector.config.CommonKeys;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.dingtalk.DingTalkConnectorConfig.TokenStyle;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkClient;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * DingTalk (钉钉) connector: the app token (legacy or OAuth2 style, one cache and one call budget per instance), the
 * contacts directory for the staff sync ({@link DingTalkDirectory}), work notices with their per-person outcome
 * ({@link #sendWorkNotice}, operation {@code work-notice}), custom group robots ({@link #sendRobotMessage},
 * {@code robot-send}) and interactive cards with an HTTP callback route ({@link #deliverCard}, {@link #updateCard},
 * {@code card-deliver}, {@code card-update}). Business calls are counted against the monthly API quota
 * ({@link #quota()}). Keys: {@link DingTalkConnectorConfig}.
 */
public class DingTalkConnector extends AbstractHubConnector<DingTalkConnector.Running> implements DingTalkDirectory {

    public static final String NAME = "dingtalk";

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /** What one started configuration consists of. */
    record Running(DingTalkClient client, DingTalkContactsReader contacts, DingTalkWorkNoticeSender notices,
                   DingTalkRobotSender robots, DingTalkCardSender cards, String appKey, long monthlyQuota) {
    }

    private volatile DingTalkQuota.Factory quotaFactory;

    public DingTalkConnector() {
        this(Clock.systemUTC());
    }

    /** @param clock time source for token lifetimes */
    public DingTalkConnector(Clock clock) {
        super(NAME, DingTalkConnectorConfig.CONFIG_DEF, EnumSet.of(Capability.NOTIFICATION));
        this.clock = clock;
        this.quotaFactory = DingTalkQuota.counted(clock);
    }

    private DingTalkClient client(ConnectorConfig c, CommonKeys.Values calls) {
        TokenStyle style = c.enumValue(DingTalkConnectorConfig.TOKEN_STYLE, TokenStyle.class);
        DingTalkClient.Settings s = new DingTalkClient.Settings(c.uri(DingTalkConnectorConfig.BASE_URL).toString(),
                c.uri(DingTalkConnectorConfig.API_BASE_URL).toString(), c.string(DingTalkConnectorConfig.APP_KEY),
                c.string(DingTalkConnectorConfig.APP_SECRET), style == TokenStyle.OAUTH2,
                Duration.ofSeconds(c.longValue(DingTalkConnectorConfig.TOKEN_REFRESH_AHEAD_SECONDS)), calls);
        return new DingTalkClient(s, new SecretMasker(DingTalkConnectorConfig.secretsOf(c)), json, clock);
    }

    /** Stage 2: fetch one token, outside the cache, within {@code timeout}. */
    @Override
    public List<ConfigProblem> validateConnectivity(Map<String, String> raw, Duration timeout) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConnectorConfig parsed;
        try {
            parsed = configDef().parse(NAME, raw);
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(DingTalkConnectorConfig.BASE_URL.name(), "connectivity",
                    DingTalkConnectorConfig.BASE_URL.name() + ": the connectivity check needs valid parameters "
                            + "first: " + new SecretMasker(raw.values()).mask(e.getMessage())));
            return problems;
        }
        boolean oauth2 = parsed.enumValue(DingTalkConnectorConfig.TOKEN_STYLE, TokenStyle.class) == TokenStyle.OAUTH2;
        String urlKey = (oauth2 ? DingTalkConnectorConfig.API_BASE_URL : DingTalkConnectorConfig.BASE_URL).name();
        DingTalkClient probe = client(parsed, DingTalkConnectorConfig.CALLS.values(parsed).cappedAt(timeout));
        try {
            probe.checkToken();
        } catch (DingTalkClient.DingTalkTokenException e) {
            String key = DingTalkConnectorConfig.APP_SECRET.name();
            problems.add(new ConfigProblem(key, "authentication", key + " (or " + DingTalkConnectorConfig.APP_KEY
                    .name() + "): " + e.getMessage()));
        } catch (ConnectorException e) {
            problems.add(new ConfigProblem(urlKey, "connectivity", urlKey + ": no token from DingTalk there: "
                    + e.getMessage()));
        }
        return problems;
    }

    @Override
    protected Running open(ConnectorConfig parsed) {
        CommonKeys.Values calls = DingTalkConnectorConfig.CALLS.values(parsed);
        DingTalkClient c = client(parsed, calls);
        String appKey = parsed.string(DingTalkConnectorConfig.APP_KEY);
        long monthly = parsed.longValue(DingTalkConnectorConfig.MONTHLY_API_QUOTA);
        c.useQuota(quotaFactory.create(appKey, monthly));
        DingTalkSendBudgets budgets = new DingTalkSendBudgets(
                parsed.integer(DingTalkConnectorConfig.ROBOT_MESSAGES_PER_MINUTE),
                parsed.millis(DingTalkConnectorConfig.SEND_BUDGET_WAIT_MS),
                Duration.ofMinutes(parsed.longValue(DingTalkConnectorConfig.ROBOT_BLOCK_MINUTES)), clock);
        SecretMasker masker = new SecretMasker(DingTalkConnectorConfig.secretsOf(parsed));
        // robots need no app token: their own call loop, with the instance's limits
        ApiCaller<String> robotCalls = new ApiCaller<>(NAME, appKey + "/robots", calls,
                ApiCaller.Credentials.none("dingtalk-robot"), masker);
        DingTalkRobotSender robots = new DingTalkRobotSender(parsed.uri(DingTalkConnectorConfig.BASE_URL).toString(),
                parsed.map(DingTalkConnectorConfig.ROBOT_TOKENS), parsed.map(DingTalkConnectorConfig.ROBOT_SECRETS),
                robotCalls, budgets, json, clock);
        String robotCode = parsed.string(DingTalkConnectorConfig.CARD_ROBOT_CODE);
        DingTalkCardSender cards = new DingTalkCardSender(c, new DingTalkCardSender.Settings(
                parsed.string(DingTalkConnectorConfig.CARD_TEMPLATE_ID),
                parsed.isSet(DingTalkConnectorConfig.CALLBACK_URL)
                        ? parsed.uri(DingTalkConnectorConfig.CALLBACK_URL).toString() : null,
                parsed.string(DingTalkConnectorConfig.CALLBACK_ROUTE_KEY),
                parsed.string(DingTalkConnectorConfig.API_SECRET),
                robotCode == null || robotCode.isBlank() ? appKey : robotCode));
        cards.registerInBackground();
        return new Running(c, new DingTalkContactsReader(c),
                new DingTalkWorkNoticeSender(c, parsed.longValue(DingTalkConnectorConfig.AGENT_ID)), robots, cards,
                appKey, monthly);
    }

    @Override
    public List<Operation<?>> operations() {
        return NotifyOperations.forDingTalk();
    }

    @Override
    public Optional<ApiCaller.Status> callStatus() {
        return Optional.ofNullable(runningOrNull()).map(r -> r.client().status());
    }

    /** Tokens fetched since start; for tests and metrics. */
    public long tokenRefreshes() {
        return running().client().tokenRefreshes();
    }

    // ------------------------------------------------------------------ directory

    @Override
    public List<Department> departments() {
        return running().contacts().departments();
    }

    @Override
    public List<User> usersOf(long departmentId) {
        return running().contacts().usersOf(departmentId);
    }

    @Override
    public List<User> users() {
        return running().contacts().users();
    }

    // ------------------------------------------------------------------ work notices

    /**
     * Sends a work notice and reconciles it at once ({@code asyncsend_v2} + {@code getsendresult},
     * docs/vendor-apis/dingtalk.md §4.3).
     *
     * @throws IllegalArgumentException or {@link org.aftersaleshub.connector.InvalidInputException} for a notice
     *         DingTalk would refuse, before any call
     * @throws ConnectorException when DingTalk gave no final answer (a resend of the same notice is safe)
     */
    public WorkNoticeResult sendWorkNotice(WorkNotice notice) {
        return running().notices().send(notice);
    }

    /** Reconciles an earlier task again (its recipients may have been PENDING); within 24 h of sending. */
    public WorkNoticeResult workNoticeResult(long taskId, List<String> userIds) {
        return running().notices().sendResult(taskId, userIds);
    }

    // ------------------------------------------------------------------ robots and cards

    /**
     * Sends one message to a custom group robot (docs/vendor-apis/dingtalk.md §5, §13.1): signed when the robot has a
     * {@code SEC…} secret, with {@code msgUuid} derived from the key (a resend is delivered once), within the robot's
     * send budget.
     *
     * @return DELIVERED, or REFUSED when DingTalk refused the content for good
     * @throws DingTalkLimitException ROBOT_BUDGET or ROBOT_BLOCKED: nothing sent, retry later with the same key
     * @throws IllegalArgumentException when the robot is not configured
     * @throws ConnectorException NOT_RETRYABLE when DingTalk refused the robot's token or sign (310000, 300001, ...)
     */
    public RobotResult sendRobotMessage(RobotMessage message) {
        return running().robots().send(message);
    }

    /**
     * Delivers an interactive card with the instance's HTTP callback route
     * (docs/vendor-apis/dingtalk.md §7.2, §13.2); registers the route first if the start could not. A delivery with
     * a used {@code outTrackId} creates no second card — change a card with {@link #updateCard}.
     *
     * @throws ConnectorException NOT_RETRYABLE when {@code dingtalk.callback-url} is not set, or DingTalk refused the
     *         app (IP allow-list, permissions)
     * @throws DingTalkLimitException MONTHLY_QUOTA when the quota is used up
     */
    public CardResult deliverCard(CardDelivery delivery) {
        return running().cards().deliver(delivery);
    }

    /** Updates a delivered card by key, or replacing its data (docs/vendor-apis/dingtalk.md §7.4, §13.3). */
    public CardUpdateResult updateCard(CardUpdate update) {
        return running().cards().update(update);
    }

    /** Whether the card callback route is registered with DingTalk (since this start). */
    public boolean cardRouteRegistered() {
        Running r = runningOrNull();
        return r != null && r.cards().routeRegistered();
    }

    /** The monthly API quota of the running instance: calls counted and the configured limit. */
    public DingTalkQuota quota() {
        return running().client().quota();
    }

    /**
     * Counts against quotas made by {@code factory} from now on (the hub's store shared by all instances); applies
     * to the running instance at once (its count starts from the store's) and to every later start.
     */
    public void useQuota(DingTalkQuota.Factory factory) {
        this.quotaFactory = factory;
        Running r = runningOrNull();
        if (r != null) {
            r.client().useQuota(factory.create(r.appKey(), r.monthlyQuota()));
        }
    }

    @Override
    public String toString() {
        Running r = runningOrNull();
        return "DingTalkConnector[" + (r == null ? "stopped" : r.client().toString()) + "]";
    }
}
