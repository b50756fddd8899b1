package org.aftersaleshub.imcallback;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.callbacks.*}: how IM callbacks are accepted and processed, and each receiving instance's keys.
 *
 * <pre>
 * hub:
 *   callbacks:
 *     timestamp-window: 5m
 *     instances:
 *       dingtalk-main:                  # a connector instance name (its type and app-key come from hub.connectors)
 *         token: ${DINGTALK_CALLBACK_TOKEN}
 *         aes-key: ${DINGTALK_CALLBACK_AES_KEY}        # secret
 *         api-secret: ${DINGTALK_CARD_API_SECRET}      # secret
 *       wecom-main:
 *         token: ${WECOM_CALLBACK_TOKEN}
 *         aes-key: ${WECOM_CALLBACK_AES_KEY}           # secret
 * </pre>
 * An instance's keys are the connector's callback keys without their prefix ({@code dingtalk.callback.token} →
 * {@code token}; DingTalk: token, aes-key, owner-key, api-secret; WeCom: token, aes-key, receive-id), plus
 * {@code type} when the instance is not declared under {@code hub.connectors}.
 *
 * @param timestampWindow      a callback whose timestamp is further than this from the hub's clock is refused as
 *                             stale, with no state change (default 5m; the platforms document no skew)
 * @param requireCardSignature DingTalk card clicks must carry x-ddpaas-signature (an instance without an
 *                             {@code api-secret} then refuses them); default true, false only in profile {@code dev}
 * @param workerEnabled        process stored callbacks in this instance (default true)
 * @param workers              threads processing stored callbacks (default 2; 1 on H2, which has no SKIP LOCKED)
 * @param pollInterval         how often a worker looks for due callbacks when nothing woke it, e.g. a callback stored
 *                             by another hub instance or one waiting for a retry (default 1s)
 * @param maxAttempts          attempts to process one callback before it is marked FAILED (default 5)
 * @param retryBackoff         delay before the second attempt, doubled for each later one (default 2s)
 * @param retention            processed callbacks older than this are deleted; a platform re-send of one that old is
 *                             refused as stale anyway (default 30d)
 * @param instances            receiving instances by connector instance name
 */
@ConfigurationProperties("hub.callbacks")
public record CallbackProperties(Duration timestampWindow, Boolean requireCardSignature, Boolean workerEnabled,
                                 Integer workers, Duration pollInterval, Integer maxAttempts, Duration retryBackoff,
                                 Duration retention, Map<String, Map<String, String>> instances) {

    public CallbackProperties {
        timestampWindow = timestampWindow == null || timestampWindow.isNegative() || timestampWindow.isZero()
                ? Duration.ofMinutes(5) : timestampWindow;
        workerEnabled = workerEnabled == null || workerEnabled;
        workers = workers == null || workers < 1 ? 2 : workers;
        pollInterval = pollInterval == null || pollInterval.toMillis() < 10 ? Duration.ofSeconds(1) : pollInterval;
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 5 : maxAttempts;
        retryBackoff = retryBackoff == null || retryBackoff.isNegative() ? Duration.ofSeconds(2) : retryBackoff;
        retention = retention == null || retention.toHours() < 1 ? Duration.ofDays(30) : retention;
        instances = instances == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(instances));
    }
}
