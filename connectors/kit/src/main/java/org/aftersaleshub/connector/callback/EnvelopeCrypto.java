package org.aftersaleshub.connector.callback;

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

/**
 * The callback envelope DingTalk's event push and WeCom's app callbacks share, on plain JCA
 * (docs/vendor-apis/dingtalk.md §6.3, §6.4; docs/vendor-apis/wecom.md §4.1, §4.2):
 * <ul>
 *   <li>signature = lowercase hex of SHA-1 over token, timestamp, nonce and the encrypted text, sorted as strings and
 *       joined;</li>
 *   <li>key = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC without a padding mode, IV = key[0..16), PKCS#7
 *       padding to a multiple of <b>32</b> bytes done here (the JDK's PKCS5Padding pads to 16);</li>
 *   <li>plaintext = random(16) ‖ length(4, big-endian) ‖ message (UTF-8) ‖ owner, the owner being what each platform
 *       names the receiver by (DingTalk: the appKey or corpId; WeCom: the receiveid, the CorpID of a self-built
 *       app).</li>
 * </ul>
 * The platforms' own classes check the owner and turn a {@link CryptoException} into their error codes. Immutable
 * and thread-safe; {@link #toString()} shows no key or token.
 */
public final class EnvelopeCrypto {

    /** Why a key or a text was refused. */
    public enum Failure {
        ILLEGAL_AES_KEY, NOT_BASE64, DECRYPT_ERROR, LENGTH_MISMATCH
    }

    /** A refusal; its message holds neither the key nor the payload. */
    public static final class CryptoException extends RuntimeException {
        private final Failure failure;

        CryptoException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** A decrypted payload with what came around it. */
    public record Opened(byte[] random16, String message, String owner) {
    }

    private static final int BLOCK = 32;
    private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] key;

    /**
     * @param token          the signing token
     * @param encodingAesKey the 43-character EncodingAESKey
     * @throws CryptoException {@link Failure#ILLEGAL_AES_KEY} when the key is not 43 Base64 characters
     */
    public EnvelopeCrypto(String token, String encodingAesKey) {
        this.token = Objects.requireNonNull(token, "token");
        this.key = aesKey(encodingAesKey);
    }

    /**
     * The 32-byte AES key of an EncodingAESKey.
     *
     * @throws CryptoException {@link Failure#ILLEGAL_AES_KEY} for any other length or alphabet
     */
    public static byte[] aesKey(String encodingAesKey) {
        if (encodingAesKey == null || !ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
            throw new CryptoException(Failure.ILLEGAL_AES_KEY, "illegal aes key: it must be 43 Base64 characters "
                    + "(letters and digits)"
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

    /** Whether {@code msgSignature} (any case) is the signature of these values, compared in constant time. */
    public boolean signatureMatches(String msgSignature, String timestamp, String nonce, String encrypt) {
        return msgSignature != null && MessageDigest.isEqual(signature(timestamp, nonce, encrypt)
                .getBytes(StandardCharsets.US_ASCII), msgSignature.toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decrypts without checking a signature or the owner.
     *
     * @throws CryptoException {@link Failure#NOT_BASE64}, {@link Failure#DECRYPT_ERROR} (not whole blocks, refused
     *                         by the cipher, bad padding) or {@link Failure#LENGTH_MISMATCH}
     */
    public Opened open(String encrypt) {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(encrypt == null ? "" : encrypt.trim());
        } catch (IllegalArgumentException e) {
            throw new CryptoException(Failure.NOT_BASE64, "the encrypted text is not Base64");
        }
        if (cipherText.length == 0 || cipherText.length % 16 != 0) {
            throw new CryptoException(Failure.DECRYPT_ERROR, "decrypt error: the ciphertext is not whole AES blocks");
        }
        byte[] plain;
        try {
            plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(Failure.DECRYPT_ERROR, "decrypt error: the cipher refused the text");
        }
        int pad = plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new CryptoException(Failure.DECRYPT_ERROR, "decrypt error: bad padding (wrong key?)");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new CryptoException(Failure.DECRYPT_ERROR, "decrypt error: bad padding (wrong key?)");
            }
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new CryptoException(Failure.LENGTH_MISMATCH, "decrypted text too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || length > end - 20) {
            throw new CryptoException(Failure.LENGTH_MISMATCH, "the declared message length does not fit the "
                    + "decrypted text");
        }
        return new Opened(Arrays.copyOfRange(plain, 0, 16), new String(plain, 20, length, StandardCharsets.UTF_8),
                new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8));
    }

    /** Base64 of the encrypted random16 ‖ length ‖ message ‖ owner, padded to 32 bytes. */
    public String encrypt(byte[] random16, String message, String owner) {
        if (random16.length != 16) {
            throw new IllegalArgumentException("the random prefix must be 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] ownerBytes = owner.getBytes(StandardCharsets.UTF_8);
        int unpadded = 16 + 4 + msg.length + ownerBytes.length;
        int pad = BLOCK - unpadded % BLOCK; // 1..32, never 0
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16).putInt(msg.length).put(msg).put(ownerBytes);
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
        return "EnvelopeCrypto[]";
    }
}
