package org.aftersaleshub.mock.imcrm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WeChat-family callback crypto that DingTalk HTTP push and WeCom callbacks share (docs/vendor-apis/dingtalk.md §6,
 * docs/vendor-apis/wecom.md §4):
 * <ul>
 *   <li>key = Base64(EncodingAESKey + "="), 32 bytes; a key text that is not 43 characters is illegal;</li>
 *   <li>AES-256-CBC without padding, IV = key[0..16), PKCS#7-style padding to a <b>32-byte</b> multiple
 *       (pad byte 1..32, done here because the JDK's PKCS5Padding pads to 16);</li>
 *   <li>plaintext = random(16) ‖ len(4, big-endian) ‖ msg (UTF-8) ‖ receiveId;</li>
 *   <li>signature = hex(SHA-1(concat(sort([token, timestamp, nonce, encrypt])))).</li>
 * </ul>
 * Failures carry a {@link Failure} that each mock maps to its platform's code (DingTalk 9000xx, WeCom -400xx).
 */
public final class WxCallbackCrypto {

    /** Why a decrypt or verification failed. */
    public enum Failure {
        ILLEGAL_AES_KEY(900004, -40004),
        SIGNATURE_MISMATCH(900006, -40001),
        DECRYPT_ERROR(900008, -40007),
        LENGTH_MISMATCH(900009, -40008),
        RECEIVE_ID_MISMATCH(900010, -40005);

        public final int dingTalkCode;
        public final int weComCode;

        Failure(int dingTalkCode, int weComCode) {
            this.dingTalkCode = dingTalkCode;
            this.weComCode = weComCode;
        }
    }

    /** A crypto failure with its reason. */
    public static final class CryptoException extends RuntimeException {
        public final Failure failure;

        public CryptoException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }
    }

    /** A decrypted message: the random prefix, the message and the receive id (owner key) found after it. */
    public record Decrypted(byte[] random16, String message, String receiveId) {
    }

    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RANDOM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String token;
    private final byte[] key;

    /**
     * @param token           the signing token
     * @param encodingAesKey  the 43-character EncodingAESKey
     * @throws CryptoException {@link Failure#ILLEGAL_AES_KEY} when the key text is not 43 characters of Base64
     */
    public WxCallbackCrypto(String token, String encodingAesKey) {
        this.token = token;
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new CryptoException(Failure.ILLEGAL_AES_KEY, "illegal aes key: length must be 43");
        }
        try {
            this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            throw new CryptoException(Failure.ILLEGAL_AES_KEY, "illegal aes key: not Base64");
        }
    }

    /** hex_lower(SHA1(sorted concatenation of token, timestamp, nonce, encrypt)). */
    public String signature(String timestamp, String nonce, String encrypt) {
        return sha1SortedHex(token, timestamp, nonce, encrypt);
    }

    /** The sorted-SHA1 signature over any strings (exposed for tests and for tampering on purpose). */
    public static String sha1SortedHex(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 16-character alphanumeric random prefix (also usable as a nonce). */
    public static String randomAlphanumeric(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(RANDOM_ALPHABET.charAt(RANDOM.nextInt(RANDOM_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Encrypts with a fresh random prefix. */
    public String encrypt(String message, String receiveId) {
        return encrypt(randomAlphanumeric(16).getBytes(StandardCharsets.US_ASCII), message, receiveId);
    }

    /** Encrypts with the given 16-byte random prefix (fixed prefixes reproduce the known-answer vectors). */
    public String encrypt(byte[] random16, String message, String receiveId) {
        if (random16.length != 16) {
            throw new IllegalArgumentException("random prefix must be 16 bytes");
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
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypt error", e);
        }
    }

    /** Decrypts without checking the receive id. */
    public Decrypted decrypt(String encryptBase64) {
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder().decode(encryptBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException(Failure.DECRYPT_ERROR, "decrypt error: " + e.getMessage());
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK) {
            pad = 0; // the official samples treat an out-of-range pad byte as "no padding"
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new CryptoException(Failure.LENGTH_MISMATCH, "decrypted text too short");
        }
        int len = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (len < 0 || 20 + len > end) {
            throw new CryptoException(Failure.LENGTH_MISMATCH, "declared length " + len + " exceeds the plaintext");
        }
        return new Decrypted(Arrays.copyOfRange(plain, 0, 16),
                new String(plain, 20, len, StandardCharsets.UTF_8),
                new String(plain, 20 + len, end - 20 - len, StandardCharsets.UTF_8));
    }

    /** Verifies the signature, decrypts and checks the receive id; returns the message. */
    public String verifyAndDecrypt(String signature, String timestamp, String nonce, String encrypt,
                                   String expectedReceiveId) {
        if (signature == null || !signature.equals(signature(timestamp, nonce, encrypt))) {
            throw new CryptoException(Failure.SIGNATURE_MISMATCH, "signature mismatch");
        }
        Decrypted d = decrypt(encrypt);
        if (!d.receiveId().equals(expectedReceiveId)) {
            throw new CryptoException(Failure.RECEIVE_ID_MISMATCH,
                    "receive id mismatch: got '" + d.receiveId() + "'");
        }
        return d.message();
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return cipher;
    }
}
