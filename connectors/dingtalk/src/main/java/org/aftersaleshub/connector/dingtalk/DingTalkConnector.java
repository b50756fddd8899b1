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
 * DingTalk (钉钉) connector, first part: the app token (legacy or OAuth2 style, one cache and one call budget per
 * instance), the contacts directory for the staff sync ({@link DingTalkDirectory}) and work notices with their
 * per-person outcome ({@link #sendWorkNotice}, operation {@code work-notice}). Keys: {@link DingTalkConnectorConfig}.
 */
public class DingTalkConnector extends AbstractHubConnector<DingTalkConnector.Running> implements DingTalkDirectory {

    public static final String NAME = "dingtalk";

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    /** What one started configuration consists of. */
    record Running(DingTalkClient client, DingTalkContactsReader contacts, DingTalkWorkNoticeSender notices) {
    }

    public DingTalkConnector() {
        this(Clock.systemUTC());
    }

    /** @param clock time source for token lifetimes */
    public DingTalkConnector(Clock clock) {
        super(NAME, DingTalkConnectorConfig.CONFIG_DEF, EnumSet.of(Capability.NOTIFICATION));
        this.clock = clock;
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
        DingTalkClient c = client(parsed, DingTalkConnectorConfig.CALLS.values(parsed));
        return new Running(c, new DingTalkContactsReader(c),
                new DingTalkWorkNoticeSender(c, parsed.longValue(DingTalkConnectorConfig.AGENT_ID)));
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

    @Override
    public String toString() {
        Running r = runningOrNull();
        return "DingTalkConnector[" + (r == null ? "stopped" : r.client().toString()) + "]";
    }
}
