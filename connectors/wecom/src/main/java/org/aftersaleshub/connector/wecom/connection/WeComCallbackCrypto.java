package org.aftersaleshub.connector.wecom.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.wecom.connection.WeComCallbackException.Failure;

/**
 * The crypto of WeCom app callbacks (docs/vendor-apis/wecom.md §4.1, §4.2), on plain JCA:
 * <ul>
 *   <li>msg_signature = lowercase hex of SHA-1 over token, timestamp, nonce and the encrypted text, sorted as strings
 *       and joined;</li>
 *   <li>key = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC without a padding mode, IV = key[0..16), PKCS#7
 *       padding to a multiple of <b>32</b> bytes done here;</li>
 *   <li>plaintext = random(16) ‖ msg_len(4, network order) ‖ msg ‖ receiveid, the receiveid being the CorpID for a
 *       self-built app.</li>
 * </ul>
 * URL verification (docs/vendor-apis/wecom.md §4.3) signs and encrypts {@code echostr} the same way. One instance per
 * app; immutable and thread-safe. {@link #toString()} shows no key or token.
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

    private static final int BLOCK = 32;
    private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] key;
    private final String receiveId;

    /**
     * @param token          the app's callback Token
     * @param encodingAesKey the 43-character EncodingAESKey
     * @param receiveId      the expected receiveid: the CorpID for a self-built app
     * @throws WeComCallbackException {@link Failure#ILLEGAL_AES_KEY} when the key is not 43 Base64 characters
     */
    public WeComCallbackCrypto(String token, String encodingAesKey, String receiveId) {
        this.token = Objects.requireNonNull(token, "token");
        this.key = aesKey(encodingAesKey);
        this.receiveId = Objects.requireNonNull(receiveId, "receiveId");
    }

    /**
     * The 32-byte AES key of an EncodingAESKey.
     *
     * @throws WeComCallbackException {@link Failure#ILLEGAL_AES_KEY} for any other length or alphabet
     */
    public static byte[] aesKey(String encodingAesKey) {
        if (encodingAesKey == null || !ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
            throw new WeComCallbackException(Failure.ILLEGAL_AES_KEY, "illegal aes key: it must be 43 Base64 "
                    + "characters (letters and digits)"
                    + (encodingAesKey == null ? "" : ", was " + encodingAesKey.length() + " characters"));
        }
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** lowercase hex SHA-1 of the sorted, concatenated token, timestamp, nonce and encrypted text. */
    public String signature(String timestamp, String nonce, String encrypt) {
        String[] parts = {token, nullToEmpty(timestamp), nullToEmpty(nonce), nullToEmpty(encrypt)};
        Arrays.sort(parts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
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
        String expected = signature(timestamp, nonce, encrypt);
        if (msgSignature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                msgSignature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
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
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypt == null ? "" : encrypt.trim());
        } catch (IllegalArgumentException e) {
            throw new WeComCallbackException(Failure.BASE64_DECODE_ERROR, "the encrypted text is not Base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new WeComCallbackException(Failure.DECRYPT_ERROR, "decrypt error: the ciphertext is not whole AES "
                    + "blocks");
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new WeComCallbackException(Failure.DECRYPT_ERROR, "decrypt error: the cipher refused the text");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new WeComCallbackException(Failure.DECRYPT_ERROR, "decrypt error: bad padding (wrong key?)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new WeComCallbackException(Failure.DECRYPT_ERROR, "decrypt error: bad padding (wrong key?)");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new WeComCallbackException(Failure.ILLEGAL_BUFFER, "decrypted text too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new WeComCallbackException(Failure.ILLEGAL_BUFFER, "the declared message length does not fit the "
                    + "decrypted text");
        }
        return new Opened(Arrays.copyOfRange(plain, 0, 16), new String(plain, 20, length, StandardCharsets.UTF_8),
                new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8));
    }

    /** An encrypted passive reply with a fresh random prefix and nonce. */
    public Reply reply(String message, String timestamp) {
        return reply(randomText(16).getBytes(StandardCharsets.US_ASCII), message, timestamp, randomText(10));
    }

    /** An encrypted passive reply with a given random prefix and nonce (fixed values reproduce known answers). */
    public Reply reply(byte[] random16, String message, String timestamp, String nonce) {
        String encrypt = encrypt(random16, message);
        return new Reply(encrypt, signature(timestamp, nonce, encrypt), timestamp, nonce);
    }

    /** Base64 of the encrypted random16 ‖ length ‖ message ‖ receiveid, padded to 32 bytes. */
    public String encrypt(byte[] random16, String message) {
        if (random16.length != 16) {
            throw new IllegalArgumentException("the random prefix must be 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] rid = receiveId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 16 + 4 + msg.length + rid.length;
        int pad = BLOCK - unpadded % BLOCK; // 1..32, never 0
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16).putInt(msg.length).put(msg).put(rid);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    private static String randomText(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return cipher;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "WeComCallbackCrypto[receiveId=" + receiveId + "]";
    }
}
