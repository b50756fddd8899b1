package org.aftersaleshub.connector.wecom.connection;

import java.util.List;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * The keys a WeCom app needs to receive callbacks (接收消息), declared once: the Token and EncodingAESKey set under the
 * app's "接收消息 → 设置API接收" and the receiveid the payloads end with (docs/vendor-apis/wecom.md §4.2). They are a
 * {@link ConfigDef} of their own (prefix {@code wecom.callback.}) so the receiving side can validate them without the
 * sending side's keys; {@link #KEYS} can join the connector's definition unchanged.
 */
public final class WeComCallbackConfig {

    private static final String GROUP = "Callbacks";

    public static final ConfigKey TOKEN = ConfigKey.builder("wecom.callback.token").label("接收消息 Token").required()
            .importance(Importance.HIGH).group(GROUP)
            .rule(Rule.matches("[A-Za-z0-9]{1,32}", "at most 32 letters and digits, as the console generates it"))
            .description("The Token of the app's callback setting (接收消息服务器配置); it signs every callback "
                    + "and every encrypted reply (docs/vendor-apis/wecom.md §4.1).").build();
    public static final ConfigKey AES_KEY = ConfigKey.builder("wecom.callback.aes-key").label("EncodingAESKey")
            .required().secret().importance(Importance.HIGH).group(GROUP)
            .rule(Rule.matches("[A-Za-z0-9+/]{43}", "43 letters and digits (the console's EncodingAESKey)"))
            .description("The 43-character EncodingAESKey of the same setting: callbacks are decrypted and replies "
                    + "encrypted with it (AES-256-CBC, docs/vendor-apis/wecom.md §4.2).").build();
    public static final ConfigKey RECEIVE_ID = ConfigKey.builder("wecom.callback.receive-id").label("ReceiveId")
            .importance(Importance.LOW).group(GROUP).rule(Rule.maxLength(64))
            .description("What every decrypted callback must end with: the CorpID for a self-built app (the "
                    + "default, taken from the instance's corp-id), the suiteid for a third-party suite. A callback "
                    + "for another corp is refused (-40005).").build();

    /** The keys, in documentation order. */
    public static final List<ConfigKey> KEYS = List.of(TOKEN, AES_KEY, RECEIVE_ID);

    public static final ConfigDef CONFIG_DEF = new ConfigDef("wecom.callback.").define(KEYS.toArray(ConfigKey[]::new));

    private WeComCallbackConfig() {
    }
}
