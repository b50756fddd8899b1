package org.aftersaleshub.connector.dingtalk.connection;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.aftersaleshub.connector.callback.EnvelopeCrypto;
import org.aftersaleshub.connector.callback.EnvelopeCrypto.CryptoException;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackException.Failure;

/**
 * The crypto of DingTalk's HTTP event push (docs/vendor-apis/dingtalk.md §6.3, §6.4), on the kit's
 * {@link EnvelopeCrypto} (plain JCA, because the official Java class caps AES at 128 bits for the whole JVM,
 * docs/vendor-apis/dingtalk.md §6.10). DingTalk's part: the owner key at the end of the plaintext is the app's appKey
 * for an internal app's event subscription, the corpId for a legacy callback (docs/vendor-apis/dingtalk.md §6.5), and
 * the reply's fields (docs/vendor-apis/dingtalk.md §6.6). One instance per app; immutable and thread-safe. {@link #toString()} shows no key or
 * token.
 */
public final class DingTalkCallbackCrypto {

    /** The reply DingTalk expects to every push (docs/vendor-apis/dingtalk.md §6.6): note the camelCase timeStamp. */
    public record Reply(String msgSignature, String timeStamp, String nonce, String encrypt) {
    }

    /** A decrypted payload with what came around it. */
    public record Opened(byte[] random16, String message, String ownerKey) {
    }

    private final EnvelopeCrypto envelope;
    private final String ownerKey;

    /**
     * @param token          the signing token of the subscription
     * @param encodingAesKey the 43-character aes_key
     * @param ownerKey       the expected owner key: the appKey (new-style subscription) or the corpId (legacy)
     * @throws DingTalkCallbackException {@link Failure#ILLEGAL_AES_KEY} when the key is not 43 Base64 characters
     */
    public DingTalkCallbackCrypto(String token, String encodingAesKey, String ownerKey) {
        Objects.requireNonNull(token, "token");
        this.envelope = guarded(() -> new EnvelopeCrypto(token, encodingAesKey));
        this.ownerKey = Objects.requireNonNull(ownerKey, "ownerKey");
    }

    /**
     * The 32-byte AES key of an EncodingAESKey.
     *
     * @throws DingTalkCallbackException {@link Failure#ILLEGAL_AES_KEY} for any other length or alphabet
     */
    public static byte[] aesKey(String encodingAesKey) {
        return guarded(() -> EnvelopeCrypto.aesKey(encodingAesKey));
    }

    /** lowercase hex SHA-1 of the sorted, concatenated token, timestamp, nonce and encrypt. */
    public String signature(String timestamp, String nonce, String encrypt) {
        return envelope.signature(timestamp, nonce, encrypt);
    }

    /**
     * Checks the signature, decrypts and checks the owner key.
     *
     * @return the message (for a push, its JSON)
     * @throws DingTalkCallbackException with the reason; its message holds neither the key nor the payload
     */
    public String verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
        if (!envelope.signatureMatches(msgSignature, timestamp, nonce, encrypt)) {
            throw new DingTalkCallbackException(Failure.SIGNATURE_MISMATCH, "signature mismatch: msg_signature is "
                    + "not SHA-1 over the token, timestamp, nonce and encrypt");
        }
        Opened opened = open(encrypt);
        if (!ownerKey.equals(opened.ownerKey())) {
            throw new DingTalkCallbackException(Failure.OWNER_KEY_MISMATCH, "owner key mismatch: the payload was "
                    + "encrypted for another app (expected this app's appKey or corpId)");
        }
        return opened.message();
    }

    /**
     * Decrypts without checking the signature or the owner key (for replies and known-answer tests).
     *
     * @throws DingTalkCallbackException {@link Failure#DECRYPT_ERROR} or {@link Failure#LENGTH_MISMATCH}
     */
    public Opened open(String encrypt) {
        EnvelopeCrypto.Opened o = guarded(() -> envelope.open(encrypt));
        return new Opened(o.random16(), o.message(), o.owner());
    }

    /** The encrypted reply to a push, with a fresh random prefix, a fresh 16-character nonce and this timestamp. */
    public Reply reply(String message, String timeStamp) {
        byte[] random16 = randomText(16).getBytes(StandardCharsets.US_ASCII);
        return reply(random16, message, timeStamp, randomText(16));
    }

    /** The encrypted reply with a given random prefix and nonce (fixed values reproduce known answers). */
    public Reply reply(byte[] random16, String message, String timeStamp, String nonce) {
        String encrypt = encrypt(random16, message);
        return new Reply(signature(timeStamp, nonce, encrypt), timeStamp, nonce, encrypt);
    }

    /** Base64 of the encrypted random16 ‖ length ‖ message ‖ this app's owner key, padded to 32 bytes. */
    public String encrypt(byte[] random16, String message) {
        return envelope.encrypt(random16, message, ownerKey);
    }

    /** Letters and digits from a secure random source (nonces, random prefixes). */
    public static String randomText(int length) {
        return EnvelopeCrypto.randomText(length);
    }

    /** The kit's refusal as DingTalk's failure: its decrypt error also covers text that is not Base64. */
    private static <T> T guarded(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (CryptoException e) {
            Failure failure = switch (e.failure()) {
                case ILLEGAL_AES_KEY -> Failure.ILLEGAL_AES_KEY;
                case NOT_BASE64, DECRYPT_ERROR -> Failure.DECRYPT_ERROR;
                case LENGTH_MISMATCH -> Failure.LENGTH_MISMATCH;
            };
            throw new DingTalkCallbackException(failure, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "DingTalkCallbackCrypto[ownerKey=" + ownerKey + "]";
    }
}
