package org.aftersaleshub.connector.crm.fxiaoke.connection;

import java.util.List;
import org.aftersaleshub.connector.config.ConfigDef;
import org.aftersaleshub.connector.config.ConfigKey;
import org.aftersaleshub.connector.config.Importance;
import org.aftersaleshub.connector.config.Rule;

/**
 * The keys the hub needs to receive FXiaoKe's data-change callbacks (docs/vendor-apis/fxiaoke.md §6), a
 * {@link ConfigDef} of their own (prefix {@code fxiaoke.callback.}) so the receiving side validates them without the
 * API keys, as DingTalk's and WeCom's callback keys are.
 */
public final class FxiaokeCallbackConfig {

    private static final String GROUP = "Callbacks";

    public static final ConfigKey AES_KEY = ConfigKey.builder("fxiaoke.callback.aes-key").label("回调 aesKey")
            .required().secret().importance(Importance.MEDIUM).group(GROUP)
            .rule(Rule.matches("[A-Za-z0-9+/]{43}=", "44 Base64 characters ending in '=' (a 32-byte key)"))
            .description("The aesKey registered with the data-change callback URL in the CRM: the Base64 text of a "
                    + "32-byte AES key. It decrypts every callback, encrypts the reply and is the last part of both "
                    + "signatures (docs/vendor-apis/fxiaoke.md §6).").build();
    public static final ConfigKey ENTERPRISE_ACCOUNT = ConfigKey.builder("fxiaoke.callback.enterprise-account")
            .label("企业账号").importance(Importance.LOW).group(GROUP).rule(Rule.maxLength(64))
            .description("The tenant's enterpriseAccount (ea); when set, a callback naming another tenant is refused "
                    + "even if its signature holds. Empty: any tenant that signs with the aesKey.").build();

    /** The keys, in documentation order. */
    public static final List<ConfigKey> KEYS = List.of(AES_KEY, ENTERPRISE_ACCOUNT);

    public static final ConfigDef CONFIG_DEF = new ConfigDef("fxiaoke.callback.").define(KEYS.toArray(ConfigKey[]::new));

    private FxiaokeCallbackConfig() {
    }
}
