package org.aftersaleshub.imcallback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeCallbackConfig;
import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeCallbackCrypto;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackConfig;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackCrypto;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackConfig;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackCrypto;
import org.aftersaleshub.connectors.ConnectorConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The instances callbacks are received for, read once at start from {@code hub.callbacks.instances} and validated
 * with the connectors' own callback keys ({@link DingTalkCallbackConfig}, {@link WeComCallbackConfig}): a problem
 * stops the start naming the key as it is set ({@code hub.callbacks.instances.<name>.<key>}), its rule and the fix.
 * FXiaoKe (CRM) instances take {@link FxiaokeCallbackConfig}'s aes-key and enterprise-account.
 * An instance's type, DingTalk app-key and api-secret and WeCom corp-id default to its declaration under
 * {@code hub.connectors}; every DingTalk connector instance receives its cards' clicks even without an entry here.
 */
@Component
public class CallbackInstances {

    private static final Logger log = LoggerFactory.getLogger(CallbackInstances.class);
    static final String PREFIX = "hub.callbacks.instances.";

    private final Map<String, CallbackInstance> byName;
    private final boolean cardSignatureRequired;

    public CallbackInstances(CallbackProperties properties, Environment env) {
        boolean dev = env.acceptsProfiles(Profiles.of("dev"));
        this.cardSignatureRequired = properties.requireCardSignature() != null ? properties.requireCardSignature()
                : !dev;
        if (!cardSignatureRequired && !dev) {
            // said on purpose in production, but it opens the card callback to anyone who can reach it: say so loudly
            log.warn("INSECURE: hub.callbacks.require-card-signature is false outside the dev profile. DingTalk card "
                    + "clicks for an instance without api-secret are accepted UNSIGNED, so anyone who can reach "
                    + "/callbacks/dingtalk can accept, start and resolve tickets in an engineer's name. Set api-secret "
                    + "on every DingTalk instance and remove the key (不安全：未签名的钉钉卡片回调将被接受)");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, CallbackInstance> read = new LinkedHashMap<>();
        Map<String, Map<String, String>> declared = new TreeMap<>(properties.instances());
        // every DingTalk connector instance receives its cards' clicks, with the connector's own api-secret
        dingTalkConnectors(env).forEach(name -> declared.putIfAbsent(name, Map.of()));
        declared.forEach((name, keys) -> instance(name, keys, env, problems).ifPresent(i -> read.put(name, i)));
        if (!problems.isEmpty()) {
            throw new ConnectorConfigurationException(problems);
        }
        this.byName = Map.copyOf(read);
        read.values().forEach(i -> {
            log.info("Callbacks accepted for {} at /callbacks/{}/{}", i, i.platform().path(), i.name());
            if (i.platform() == CallbackPlatform.DINGTALK && i.apiSecret() == null && cardSignatureRequired) {
                log.warn("DingTalk card clicks for {} are refused: {}api-secret is not set (required outside the "
                        + "dev profile)", i.name(), PREFIX + i.name() + ".");
            }
        });
    }

    /** Whether DingTalk card clicks must be signed (outside the dev profile, unless configured otherwise). */
    public boolean cardSignatureRequired() {
        return cardSignatureRequired;
    }

    /**
     * The instance a callback is for: the named one (which must be of this platform), or with no name the only
     * instance of the platform.
     */
    CallbackInstance resolve(CallbackPlatform platform, String name) {
        if (name != null) {
            CallbackInstance i = byName.get(name);
            if (i == null || i.platform() != platform) {
                throw CallbackProblems.unknownInstance(platform, name, names(platform));
            }
            return i;
        }
        List<String> candidates = names(platform);
        if (candidates.size() != 1) {
            throw CallbackProblems.instanceNeeded(platform, candidates);
        }
        return byName.get(candidates.get(0));
    }

    List<String> names(CallbackPlatform platform) {
        return byName.values().stream().filter(i -> i.platform() == platform).map(CallbackInstance::name).sorted()
                .toList();
    }

    private static Optional<CallbackInstance> instance(String name, Map<String, String> keys, Environment env,
                                                       List<ConfigProblem> problems) {
        String origin = PREFIX + name + ".";
        if ("false".equalsIgnoreCase(env.getProperty("hub.connectors." + name + ".enabled", "true").trim())) {
            // a switched-off instance (the demo apps in prod) takes no callbacks: its keys may be public demo values
            log.info("No callbacks for {}: hub.connectors.{}.enabled is false", name, name);
            return Optional.empty();
        }
        String declared = env.getProperty("hub.connectors." + name + ".type");
        String type = keys.getOrDefault("type", declared);
        CallbackPlatform platform = CallbackPlatform.ofType(type);
        if (platform == null) {
            problems.add(new ConfigProblem(origin + "type", type == null ? "required" : "one-of", origin + "type "
                    + (type == null ? "is required when hub.connectors." + name + " declares no instance"
                    : "'" + type + "' cannot receive callbacks") + "; use dingtalk, wecom or fxiaoke"));
            return Optional.empty();
        }
        ConfigDef def = switch (platform) {
            case DINGTALK -> DingTalkCallbackConfig.CONFIG_DEF;
            case WECOM -> WeComCallbackConfig.CONFIG_DEF;
            case FXIAOKE -> FxiaokeCallbackConfig.CONFIG_DEF;
        };
        Map<String, String> raw = new LinkedHashMap<>();
        keys.forEach((suffix, value) -> {
            if (!suffix.equals("type")) {
                raw.put(def.prefix() + suffix, value);
            }
        });
        List<ConfigProblem> own = def.validate(raw);
        own.forEach(p -> problems.add(new ConfigProblem(origin + p.key().substring(def.prefix().length()), p.rule(),
                "[" + name + "] " + p.hint())));
        if (!own.isEmpty()) {
            return Optional.empty();
        }
        ConnectorConfig c = def.parse(platform.type(), raw);
        return switch (platform) {
            case DINGTALK -> dingTalk(name, c, env, origin, problems);
            case WECOM -> weCom(name, c, env, origin, problems);
            case FXIAOKE -> Optional.of(new CallbackInstance(name, CallbackPlatform.FXIAOKE, null, null, null,
                    new FxiaokeCallbackCrypto(c.string(FxiaokeCallbackConfig.AES_KEY),
                            c.isSet(FxiaokeCallbackConfig.ENTERPRISE_ACCOUNT)
                                    ? c.string(FxiaokeCallbackConfig.ENTERPRISE_ACCOUNT) : null)));
        };
    }

    private static Optional<CallbackInstance> dingTalk(String name, ConnectorConfig c, Environment env, String origin,
                                                       List<ConfigProblem> problems) {
        DingTalkCallbackCrypto push = null;
        if (c.isSet(DingTalkCallbackConfig.TOKEN)) {
            String owner = orDefault(c, DingTalkCallbackConfig.OWNER_KEY,
                    env.getProperty("hub.connectors." + name + ".app-key"));
            if (owner == null) {
                problems.add(new ConfigProblem(origin + "owner-key", "required", "[" + name + "] " + origin
                        + "owner-key is required: event push payloads end with the app's AppKey, and hub.connectors."
                        + name + ".app-key is not set to default to"));
                return Optional.empty();
            }
            push = new DingTalkCallbackCrypto(c.string(DingTalkCallbackConfig.TOKEN),
                    c.string(DingTalkCallbackConfig.AES_KEY), owner);
        }
        String apiSecret = orDefault(c, DingTalkCallbackConfig.API_SECRET,
                env.getProperty("hub.connectors." + name + ".api-secret"));
        return Optional.of(new CallbackInstance(name, CallbackPlatform.DINGTALK, push, apiSecret, null, null));
    }

    private static Optional<CallbackInstance> weCom(String name, ConnectorConfig c, Environment env, String origin,
                                                    List<ConfigProblem> problems) {
        String receiveId = orDefault(c, WeComCallbackConfig.RECEIVE_ID,
                env.getProperty("hub.connectors." + name + ".corp-id"));
        if (receiveId == null) {
            problems.add(new ConfigProblem(origin + "receive-id", "required", "[" + name + "] " + origin
                    + "receive-id is required: callbacks end with the CorpID, and hub.connectors." + name
                    + ".corp-id is not set to default to"));
            return Optional.empty();
        }
        WeComCallbackCrypto crypto = new WeComCallbackCrypto(c.string(WeComCallbackConfig.TOKEN),
                c.string(WeComCallbackConfig.AES_KEY), receiveId);
        return Optional.of(new CallbackInstance(name, CallbackPlatform.WECOM, null, null, crypto, null));
    }

    /** Names of the enabled DingTalk instances under {@code hub.connectors} (keys flattened as name.key). */
    private static Set<String> dingTalkConnectors(Environment env) {
        Map<String, String> flat = Binder.get(env).bind("hub.connectors", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Set<String> names = new TreeSet<>();
        flat.forEach((key, value) -> {
            int dot = key.indexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            if (key.equals(name + ".type") && CallbackPlatform.ofType(value) == CallbackPlatform.DINGTALK
                    && !"false".equalsIgnoreCase(flat.getOrDefault(name + ".enabled", "true").trim())) {
                names.add(name);
            }
        });
        return names;
    }

    private static String orDefault(ConnectorConfig c, ConfigKey key, String fallback) {
        if (c.isSet(key)) {
            return c.string(key);
        }
        return fallback == null || fallback.isBlank() ? null : fallback.trim();
    }
}
