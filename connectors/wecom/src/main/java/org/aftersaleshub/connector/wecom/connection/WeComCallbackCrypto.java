package org.aftersaleshub.connector.wecom.connection;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.aftersaleshub.connector.callback.EnvelopeCrypto;
import org.aftersaleshub.connector.callback.EnvelopeCrypto.CryptoException;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackException.Failure;

/**
 * The crypto of WeCom app callbacks (docs/vendor-apis/wecom.md §4.1, §4.2), on the kit's {@link EnvelopeCrypto}
 * (SHA-1 signature, AES-256-CBC with 32-byte PKCS#7 padding). WeCom's part: the receiveid at the end of the plaintext
 * is the CorpID for a self-built app; URL verification (docs/vendor-apis/wecom.md §4.3) signs and encrypts
 * {@code echostr} the same way; passive replies are XML (docs/vendor-apis/wecom.md §4.4). One instance per app;
 * immutable and thread-safe. {@link #toString()} shows no key or token.
 */
public final class WeComCallbackCrypto {

    /** An encrypted passive reply (docs/vendor-apis/wecom.md §4.4). */
    public record Reply(String encrypt, String msgSignature, String timestamp, String nonce) {

        /** {@code <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>}. */
        public String toXml() {
            return "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt><MsgSignature><![CDATA[" + msgSignature
                    + "]]></MsgSignature><TimeStamp>" + timestamp + "</TimeStamp><Nonce><![CDATA[" + nonce
                    + "]]></Nonce></xml>";
        }
    }

    /** A decrypted payload with what came around it. */
    public record Opened(byte[] random16, String message, String receiveId) {
    }

    private final EnvelopeCrypto envelope;
    private final String receiveId;

    /**
     * @param token          the app's callback Token
     * @param encodingAesKey the 43-character EncodingAESKey
     * @param receiveId      the expected receiveid: the CorpID for a self-built app
     * @throws WeComCallbackException {@link Failure#ILLEGAL_AES_KEY} when the key is not 43 Base64 characters
     */
    public WeComCallbackCrypto(String token, String encodingAesKey, String receiveId) {
        Objects.requireNonNull(token, "token");
        this.envelope = guarded(() -> new EnvelopeCrypto(token, encodingAesKey));
        this.receiveId = Objects.requireNonNull(receiveId, "receiveId");
    }

    /**
     * The 32-byte AES key of an EncodingAESKey.
     *
     * @throws WeComCallbackException {@link Failure#ILLEGAL_AES_KEY} for any other length or alphabet
     */
    public static byte[] aesKey(String encodingAesKey) {
        return guarded(() -> EnvelopeCrypto.aesKey(encodingAesKey));
    }

    /** lowercase hex SHA-1 of the sorted, concatenated token, timestamp, nonce and encrypted text. */
    public String signature(String timestamp, String nonce, String encrypt) {
        return envelope.signature(timestamp, nonce, encrypt);
    }

    /**
     * URL verification: checks the signature over {@code echostr} (already URL-decoded) and returns its plaintext,
     * which is the whole answer body.
     */
    public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) {
        return verifyAndDecrypt(msgSignature, timestamp, nonce, echostr);
    }

    /**
     * Checks the signature, decrypts and checks the receiveid.
     *
     * @return the message (for an event, its XML)
     * @throws WeComCallbackException with the reason; its message holds neither the key nor the payload
     */
    public String verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
        if (!envelope.signatureMatches(msgSignature, timestamp, nonce, encrypt)) {
            throw new WeComCallbackException(Failure.SIGNATURE_MISMATCH, "signature mismatch: msg_signature is not "
                    + "SHA-1 over the token, timestamp, nonce and encrypted text");
        }
        Opened opened = open(encrypt);
        if (!receiveId.equals(opened.receiveId())) {
            throw new WeComCallbackException(Failure.RECEIVE_ID_MISMATCH, "receiveid mismatch: the payload was "
                    + "encrypted for another corp or app (expected this app's CorpID)");
        }
        return opened.message();
    }

    /**
     * Decrypts without checking the signature or the receiveid (for replies and known-answer tests).
     *
     * @throws WeComCallbackException {@link Failure#BASE64_DECODE_ERROR}, {@link Failure#DECRYPT_ERROR} or
     *                                {@link Failure#ILLEGAL_BUFFER}
     */
    public Opened open(String encrypt) {
        EnvelopeCrypto.Opened o = guarded(() -> envelope.open(encrypt));
        return new Opened(o.random16(), o.message(), o.owner());
    }

    /** An encrypted passive reply with a fresh random prefix and nonce. */
    public Reply reply(String message, String timestamp) {
        return reply(EnvelopeCrypto.randomText(16).getBytes(StandardCharsets.US_ASCII), message, timestamp,
                EnvelopeCrypto.randomText(10));
    }

    /** An encrypted passive reply with a given random prefix and nonce (fixed values reproduce known answers). */
    public Reply reply(byte[] random16, String message, String timestamp, String nonce) {
        String encrypt = encrypt(random16, message);
        return new Reply(encrypt, signature(timestamp, nonce, encrypt), timestamp, nonce);
    }

    /** Base64 of the encrypted random16 ‖ length ‖ message ‖ receiveid, padded to 32 bytes. */
    public String encrypt(byte[] random16, String message) {
        return envelope.encrypt(random16, message, receiveId);
    }

    /** The kit's refusal under WeCom's error codes (WeComCallbackException.Failure). */
    private static <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (CryptoException e) {
            Failure failure = switch (e.failure()) {
                case ILLEGAL_AES_KEY -> Failure.ILLEGAL_AES_KEY;
                case NOT_BASE64 -> Failure.BASE64_DECODE_ERROR;
                case DECRYPT_ERROR -> Failure.DECRYPT_ERROR;
                case LENGTH_MISMATCH -> Failure.ILLEGAL_BUFFER;
            };
            throw new WeComCallbackException(failure, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "WeComCallbackCrypto[receiveId=" + receiveId + "]";
    }
}
