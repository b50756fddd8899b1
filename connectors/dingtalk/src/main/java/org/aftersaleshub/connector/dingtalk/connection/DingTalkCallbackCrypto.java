package org.aftersaleshub.connector.dingtalk.connection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.dingtalk.connection.DingTalkCallbackException.Failure;

/**
 * The crypto of DingTalk's HTTP event push (docs/vendor-apis/dingtalk.md §6.3, §6.4), written on plain JCA because the
 * official Java class caps AES at 128 bits for the whole JVM (docs/vendor-apis/dingtalk.md §6.10):
 * <ul>
 *   <li>signature = lowercase hex of SHA-1 over token, timestamp, nonce and encrypt, sorted as strings and joined;</li>
 *   <li>key = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC without a padding mode, IV = key[0..16), PKCS#7
 *       padding to a multiple of <b>32</b> bytes done here (the JDK's PKCS5Padding pads to 16);</li>
 *   <li>plaintext = random(16) ‖ length(4, big-endian) ‖ message (UTF-8) ‖ owner key, where the owner key is the
 *       app's appKey for an internal app's event subscription, the corpId for a legacy callback
 *       (docs/vendor-apis/dingtalk.md §6.5).</li>
 * </ul>
 * One instance per app; immutable and thread-safe. {@link #toString()} shows no key or token.
 */
public final class DingTalkCallbackCrypto {

    /** The reply DingTalk expects to every push (docs/vendor-apis/dingtalk.md §6.6): note the camelCase timeStamp. */
    public record Reply(String msgSignature, String timeStamp, String nonce, String encrypt) {
    }

    /** A decrypted payload with what came around it. */
    public record Opened(byte[] random16, String message, String ownerKey) {
    }

    private static final int BLOCK = 32;
    private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] key;
    private final String ownerKey;

    /**
     * @param token          the signing token of the subscription
     * @param encodingAesKey the 43-character aes_key
     * @param ownerKey       the expected owner key: the appKey (new-style subscription) or the corpId (legacy)
     * @throws DingTalkCallbackException {@link Failure#ILLEGAL_AES_KEY} when the key is not 43 Base64 characters
     */
    public DingTalkCallbackCrypto(String token, String encodingAesKey, String ownerKey) {
        this.token = Objects.requireNonNull(token, "token");
        this.key = aesKey(encodingAesKey);
        this.ownerKey = Objects.requireNonNull(ownerKey, "ownerKey");
    }

    /**
     * The 32-byte AES key of an EncodingAESKey.
     *
     * @throws DingTalkCallbackException {@link Failure#ILLEGAL_AES_KEY} for any other length or alphabet
     */
    public static byte[] aesKey(String encodingAesKey) {
        if (encodingAesKey == null || !ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
            throw new DingTalkCallbackException(Failure.ILLEGAL_AES_KEY, "illegal aes key: it must be 43 Base64 "
                    + "characters (letters and digits)"
                    + (encodingAesKey == null ? "" : ", was " + encodingAesKey.length() + " characters"));
        }
        return Base64.getDecoder().decode(encodingAesKey + "=");
    }

    /** lowercase hex SHA-1 of the sorted, concatenated token, timestamp, nonce and encrypt. */
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
     * Checks the signature, decrypts and checks the owner key.
     *
     * @return the message (for a push, its JSON)
     * @throws DingTalkCallbackException with the reason; its message holds neither the key nor the payload
     */
    public String verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
        String expected = signature(timestamp, nonce, encrypt);
        if (msgSignature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                msgSignature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
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
        byte[] plain;
        try {
            byte[] cipherText = Base64.getDecoder().decode(encrypt == null ? "" : encrypt.trim());
            if (cipherText.length == 0 || cipherText.length % 16 != 0) {
                throw new DingTalkCallbackException(Failure.DECRYPT_ERROR, "decrypt error: the ciphertext is not "
                        + "whole AES blocks");
            }
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (IllegalArgumentException e) {
            throw new DingTalkCallbackException(Failure.DECRYPT_ERROR, "decrypt error: encrypt is not Base64");
        } catch (GeneralSecurityException e) {
            throw new DingTalkCallbackException(Failure.DECRYPT_ERROR, "decrypt error: the cipher refused the text");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new DingTalkCallbackException(Failure.DECRYPT_ERROR, "decrypt error: bad padding (wrong key?)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new DingTalkCallbackException(Failure.DECRYPT_ERROR, "decrypt error: bad padding (wrong key?)");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new DingTalkCallbackException(Failure.LENGTH_MISMATCH, "decrypted text too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new DingTalkCallbackException(Failure.LENGTH_MISMATCH, "the declared message length does not fit "
                    + "the decrypted text");
        }
        return new Opened(Arrays.copyOfRange(plain, 0, 16), new String(plain, 20, length, StandardCharsets.UTF_8),
                new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8));
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
        if (random16.length != 16) {
            throw new IllegalArgumentException("the random prefix must be 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] owner = ownerKey.getBytes(StandardCharsets.UTF_8);
        int unpadded = 16 + 4 + msg.length + owner.length;
        int pad = BLOCK - unpadded % BLOCK; // 1..32, never 0
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16).putInt(msg.length).put(msg).put(owner);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    /** Letters and digits from a secure random source (nonces, random prefixes). */
    public static String randomText(int length) {
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
        return "DingTalkCallbackCrypto[ownerKey=" + ownerKey + "]";
    }
}
