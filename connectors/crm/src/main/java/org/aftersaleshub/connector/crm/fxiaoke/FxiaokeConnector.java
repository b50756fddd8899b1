package org.aftersaleshub.connector.crm.fxiaoke;

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
import org.aftersaleshub.connector.crm.ChangeCursor;
import org.aftersaleshub.connector.crm.ChangePage;
import org.aftersaleshub.connector.crm.CrmConnector;
import org.aftersaleshub.connector.crm.CrmOperations;
import org.aftersaleshub.connector.crm.CrmRecord;
import org.aftersaleshub.connector.crm.RecordWrite;
import org.aftersaleshub.connector.crm.UpsertResult;
import org.aftersaleshub.connector.crm.fxiaoke.FxiaokeConfig.TokenStyle;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeClient;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeLoginException;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeQueries;
import org.aftersaleshub.connector.operation.Operation;
import org.aftersaleshub.connector.ratelimit.RateBudgets;
import org.aftersaleshub.connector.secret.SecretMasker;

/**
 * FXiaoKe (纷享销客) CRM for one app of one tenant, behind the vendor-neutral {@link CrmConnector}: keyed upserts and
 * write-once creates, matching by field, record reads and change polling on the object data API
 * (docs/vendor-apis/fxiaoke.md §5), with the Camel operations of {@link CrmOperations}. Its token (either generation,
 * docs/vendor-apis/fxiaoke.md §3) is fetched once for all threads and instances, renewed ahead of expiry and once
 * when the gateway answers 20016; every API path keeps within 100 calls per 20 s (docs/vendor-apis/fxiaoke.md §4.4).
 */
public final class FxiaokeConnector extends AbstractHubConnector<FxiaokeConnector.Running> implements CrmConnector {

    public static final String NAME = "fxiaoke";

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    /** The last configuration started with; kept after stop for {@link #toString()} (it masks secrets). */
    private volatile ConnectorConfig config;

    record Running(FxiaokeClient client, FxiaokeRecords records) {
    }

    public FxiaokeConnector() {
        this(Clock.systemUTC());
    }

    /** With a clock for token expiry (tests pass the mock's). */
    public FxiaokeConnector(Clock clock) {
        super(NAME, FxiaokeConfig.CONFIG_DEF, EnumSet.of(Capability.CUSTOMER_SYNC));
        this.clock = clock;
    }

    @Override
    protected Running open(ConnectorConfig c) {
        this.config = c;
        FxiaokeClient client = client(c, FxiaokeConfig.CALLS.values(c));
        FxiaokeQueries queries = new FxiaokeQueries(client, json, c.integer(FxiaokeConfig.PAGE_SIZE),
                c.integer(FxiaokeConfig.MAX_OFFSET));
        return new Running(client, new FxiaokeRecords(client, queries, json));
    }

    /** Built while the instance starts, so its token cache and budgets are the deployment's shared ones. */
    private FxiaokeClient client(ConnectorConfig c, CommonKeys.Values calls) {
        RateBudgets perApi = new RateBudgets(c.integer(FxiaokeConfig.API_CALLS_PER_WINDOW),
                c.millis(FxiaokeConfig.API_WINDOW_MS), calls.timeout());
        return new FxiaokeClient(c.uri(FxiaokeConfig.BASE_URL).toString(),
                c.enumValue(FxiaokeConfig.TOKEN_STYLE, TokenStyle.class), c.string(FxiaokeConfig.APP_ID),
                c.string(FxiaokeConfig.APP_SECRET), c.string(FxiaokeConfig.PERMANENT_CODE),
                c.isSet(FxiaokeConfig.OPEN_USER_ID) ? c.string(FxiaokeConfig.OPEN_USER_ID) : "",
                c.string(FxiaokeConfig.CRM_USER_ID), c.bool(FxiaokeConfig.TRIGGER_WORKFLOW),
                c.millis(FxiaokeConfig.TOKEN_REFRESH_AHEAD_MS), calls, perApi, new SecretMasker(c.secretValues()),
                json, clock);
    }

    /** Stage 2: fetch a token with the given app credentials, within {@code timeout}. */
    @Override
    public List<ConfigProblem> validateConnectivity(Map<String, String> raw, Duration timeout) {
        String base = FxiaokeConfig.BASE_URL.name();
        ConnectorConfig c;
        try {
            c = configDef().parse(NAME, raw);
        } catch (RuntimeException e) {
            return List.of(new ConfigProblem(base, "connectivity", "the connectivity check needs valid parameters "
                    + "first (" + base + " and the rest): " + new SecretMasker(raw.values()).mask(e.getMessage())));
        }
        FxiaokeClient probe = client(c, FxiaokeConfig.CALLS.values(c).cappedAt(timeout));
        try {
            probe.token();
            return List.of();
        } catch (FxiaokeLoginException e) {
            List<ConfigProblem> out = new ArrayList<>();
            for (String key : e.configKeys()) {
                out.add(new ConfigProblem(key, key.equals(base) ? "connectivity" : "authentication", key + ": "
                        + e.reason()));
            }
            return out;
        } catch (ConnectorException e) {
            return List.of(new ConfigProblem(base, "connectivity", base + " did not answer the token request: "
                    + new SecretMasker(c.secretValues()).mask(e.getMessage())));
        }
    }

    @Override
    public List<Operation<?>> operations() {
        List<Operation<?>> ops = new ArrayList<>(super.operations());
        ops.addAll(CrmOperations.all());
        return ops;
    }

    @Override
    public Optional<ApiCaller.Status> callStatus() {
        return Optional.ofNullable(runningOrNull()).map(r -> r.client().caller().status());
    }

    @Override
    public UpsertResult upsertByExternalKey(String object, String keyField, String keyValue,
                                            Map<String, Object> fields) {
        return running().records().upsert(object, keyField, keyValue, fields);
    }

    @Override
    public UpsertResult createIfAbsent(String object, String keyField, String keyValue, Map<String, Object> fields) {
        return running().records().createIfAbsent(object, keyField, keyValue, fields);
    }

    @Override
    public List<UpsertResult> upsertAll(String object, String keyField, List<RecordWrite> records) {
        return running().records().upsertAll(object, keyField, records);
    }

    @Override
    public Optional<CrmRecord> get(String object, String id) {
        return running().records().get(object, id);
    }

    @Override
    public List<CrmRecord> findBy(String object, String field, String value, int max) {
        return running().records().findBy(object, field, value, max);
    }

    @Override
    public ChangePage changedSince(String object, ChangeCursor cursor, int max) {
        return running().records().changedSince(object, cursor, max);
    }

    @Override
    public String toString() {
        ConnectorConfig c = config;
        return "FxiaokeConnector[" + (isStarted() ? "started" : "stopped") + ", " + (c == null ? "{}" : c) + "]";
    }
}
