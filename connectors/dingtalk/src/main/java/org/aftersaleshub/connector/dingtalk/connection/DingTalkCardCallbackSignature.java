package org.aftersaleshub.connector.dingtalk.connection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an interactive-card click callback (docs/vendor-apis/dingtalk.md §7.3): with an {@code apiSecret}
 * registered for the callback route, DingTalk sends {@code x-ddpaas-signature-timestamp: <ms>} and
 * {@code x-ddpaas-signature: Base64(HMAC-SHA256(key = apiSecret, message = the decimal timestamp))}, not URL-encoded.
 * It covers the timestamp only, not the body: the receiver must bound the timestamp, accept each (timestamp,
 * signature) pair once and decide from state it holds, never from the click's parameters alone.
 */
public final class DingTalkCardCallbackSignature {

    /** Header carrying the signed timestamp in milliseconds. */
    public static final String TIMESTAMP_HEADER = "x-ddpaas-signature-timestamp";
    /** Header carrying the Base64 HMAC-SHA256 of that timestamp. */
    public static final String SIGNATURE_HEADER = "x-ddpaas-signature";

    private DingTalkCardCallbackSignature() {
    }

    /** Base64(HMAC-SHA256(key = apiSecret, message = timestamp)). */
    public static String sign(String apiSecret, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Checks the signature of a timestamp in constant time.
     *
     * @throws DingTalkCallbackException {@link DingTalkCallbackException.Failure#SIGNATURE_MISMATCH} when it is
     *                                   missing or wrong
     */
    public static void verify(String apiSecret, String timestamp, String signature) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            throw new DingTalkCallbackException(DingTalkCallbackException.Failure.SIGNATURE_MISMATCH,
                    "the card callback is not signed: " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER
                            + " are required when an apiSecret is registered");
        }
        byte[] expected = sign(apiSecret, timestamp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
            throw new DingTalkCallbackException(DingTalkCallbackException.Failure.SIGNATURE_MISMATCH,
                    "signature mismatch: " + SIGNATURE_HEADER + " is not HMAC-SHA256 of the timestamp with the "
                            + "apiSecret");
        }
    }
}
