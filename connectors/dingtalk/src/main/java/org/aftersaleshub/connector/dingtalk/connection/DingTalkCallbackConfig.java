package org.aftersaleshub.connector.dingtalk.connection;

import java.util.List;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.ConfigProblem;
import org.aftersaleshub.connector.config.ConnectorConfig;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * The keys a DingTalk app needs to receive callbacks, declared once: the event-push token and aes_key
 * (docs/vendor-apis/dingtalk.md §6.1), the owner key the payloads end with (docs/vendor-apis/dingtalk.md §6.5) and the
 * {@code apiSecret} of the interactive-card callback route (docs/vendor-apis/dingtalk.md §7.1, §7.3). They are a
 * {@link ConfigDef} of their own (prefix {@code dingtalk.callback.}) so the receiving side can validate them without
 * the sending side's keys; {@link #KEYS} can join the connector's definition unchanged.
 */
public final class DingTalkCallbackConfig {

    private static final String GROUP = "Callbacks";

    public static final ConfigKey TOKEN = ConfigKey.builder("dingtalk.callback.token").label("事件订阅 Token")
            .importance(Importance.MEDIUM).group(GROUP)
            .rule(Rule.matches("[A-Za-z0-9]{3,32}", "3 to 32 letters and digits"))
            .description("Signing token of the HTTP event push (事件订阅), as set in the developer console; it signs "
                    + "every push and every reply. Needed with dingtalk.callback.aes-key for event push.").build();
    public static final ConfigKey AES_KEY = ConfigKey.builder("dingtalk.callback.aes-key").label("加密 aes_key")
            .secret().importance(Importance.MEDIUM).group(GROUP)
            .rule(Rule.matches("[A-Za-z0-9+/]{43}", "43 letters and digits (the console's aes_key)"))
            .description("The 43-character aes_key of the HTTP event push: pushes are decrypted and replies "
                    + "encrypted with it (AES-256-CBC).").build();
    public static final ConfigKey OWNER_KEY = ConfigKey.builder("dingtalk.callback.owner-key").label("Owner key")
            .importance(Importance.LOW).group(GROUP).rule(Rule.maxLength(64))
            .description("What every decrypted push must end with: the app's AppKey for an internal app's event "
                    + "subscription (the default, taken from the instance's app-key), the corpId for a legacy "
                    + "callback registered through the API. A push for another app is refused (900010).").build();
    public static final ConfigKey API_SECRET = ConfigKey.builder("dingtalk.callback.api-secret")
            .label("卡片回调 apiSecret").secret().importance(Importance.MEDIUM).group(GROUP)
            .description("The apiSecret registered with the card callback route (card/callbacks/register): every "
                    + "card click must then carry x-ddpaas-signature over its timestamp. Required outside the dev "
                    + "profile; without it anybody who knows the URL could click for anybody.").build();

    /** The keys, in documentation order. */
    public static final List<ConfigKey> KEYS = List.of(TOKEN, AES_KEY, OWNER_KEY, API_SECRET);

    public static final ConfigDef CONFIG_DEF = new ConfigDef("dingtalk.callback.")
            .define(KEYS.toArray(ConfigKey[]::new))
            .crossCheck(DingTalkCallbackConfig::tokenAndKeyTogether);

    private DingTalkCallbackConfig() {
    }

    /** Event push needs both the token and the aes_key; one without the other is a typo. */
    static List<ConfigProblem> tokenAndKeyTogether(ConnectorConfig c) {
        if (c.isSet(TOKEN) == c.isSet(AES_KEY)) {
            return List.of();
        }
        ConfigKey missing = c.isSet(TOKEN) ? AES_KEY : TOKEN;
        ConfigKey given = c.isSet(TOKEN) ? TOKEN : AES_KEY;
        return List.of(new ConfigProblem(missing.name(), "requires", missing.display() + " is required with "
                + given.name() + ": event push signs with the token and encrypts with the aes_key"));
    }
}
