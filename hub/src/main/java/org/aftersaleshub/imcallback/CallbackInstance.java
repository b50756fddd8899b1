package org.aftersaleshub.imcallback;

import org.aftersaleshub.connector.crm.fxiaoke.connection.FxiaokeCallbackCrypto;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackCrypto;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackCrypto;

/**
 * One receiving instance with its verified keys. {@code toString()} names no secret.
 *
 * @param name         the connector instance name (the path suffix of its callback URL)
 * @param platform     DingTalk or WeCom
 * @param dingTalkPush DingTalk event-push crypto, or null when the instance has no push token and aes_key
 * @param apiSecret    DingTalk card callback apiSecret, or null
 * @param weCom        WeCom callback crypto (WeCom instances only)
 * @param fxiaoke      FXiaoKe data-change callback crypto (FXiaoKe instances only)
 */
record CallbackInstance(String name, CallbackPlatform platform, DingTalkCallbackCrypto dingTalkPush,
                        String apiSecret, WeComCallbackCrypto weCom, FxiaokeCallbackCrypto fxiaoke) {

    @Override
    public String toString() {
        return "CallbackInstance[" + name + ", " + platform.type() + ", push=" + (dingTalkPush != null)
                + ", cardSignature=" + (apiSecret != null) + "]";
    }
}
