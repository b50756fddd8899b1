package org.aftersaleshub.connector.crm.fxiaoke.connection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.aftersaleshub.connector.callback.EnvelopeCrypto;

/**
 * FXiaoKe's data-change callback envelope (docs/vendor-apis/fxiaoke.md §6), on plain JCA. Unlike the DingTalk/WeCom
 * envelope ({@link EnvelopeCrypto}) the fields are signed in a fixed order, not sorted, with the aesKey text last:
 * {@code sha1_hex(timestamp + nonce + messageId + [retryTimes] + enterpriseAccount + encryptedContent + aesKey)}; the
 * content is AES-256-CBC with the standard 16-byte PKCS5 padding, key = Base64-decoded aesKey, IV = key[0..16), and
 * no random prefix or owner inside. The reply is {@code {timestamp, nonce, encryptedResult = enc("success"),
 * signature = sha1_hex(timestamp + nonce + encryptedResult + aesKey)}}. Immutable and thread-safe; {@link #toString()}
 * shows no key.
 */
public final class FxiaokeCallbackCrypto {

    /** Why a callback was refused; the message names neither the key nor the content. */
    public static final class CallbackRefused extends RuntimeException {
        private final String field;

        CallbackRefused(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The request field the refusal is about ({@code signature}, {@code encryptedContent}, ...). */
        public String field() {
            return field;
        }
    }

    /** The signed fields of one callback request, as they came. */
    public record Request(String signature, String timestamp, String nonce, String messageId, String retryTimes,
                          String enterpriseAccount, String encryptedContent) {
    }

    private final String aesKeyText;
    private final byte[] key;
    private final String enterpriseAccount;

    /**
     * @param aesKey            the Base64 text of the 32-byte key, as configured in the CRM
     * @param enterpriseAccount the tenant whose callbacks are accepted, or null for any that signs with the key
     */
    public FxiaokeCallbackCrypto(String aesKey, String enterpriseAccount) {
        this.aesKeyText = Objects.requireNonNull(aesKey, "aesKey").trim();
        byte[] k;
        try {
            k = Base64.getDecoder().decode(aesKeyText);
        } catch (IllegalArgumentException e) {
            k = new byte[0];
        }
        if (k.length != 32) {
            throw new IllegalArgumentException("the callback aesKey must be the Base64 text of 32 bytes");
        }
        this.key = k;
        this.enterpriseAccount = enterpriseAccount == null || enterpriseAccount.isBlank() ? null
                : enterpriseAccount.trim();
    }

    /** lowercase hex SHA-1 of the request's fields in FXiaoKe's order, the aesKey text last. */
    public String signature(Request r) {
        return sha1Hex(nz(r.timestamp()) + nz(r.nonce()) + nz(r.messageId()) + nz(r.retryTimes())
                + nz(r.enterpriseAccount()) + nz(r.encryptedContent()) + aesKeyText);
    }

    /**
     * Checks the signature (constant time) and the tenant, then decrypts the content.
     *
     * @return the plaintext event JSON
     * @throws CallbackRefused naming the field that is missing, does not verify or does not decrypt
     */
    public String verifyAndDecrypt(Request r) {
        for (Map.Entry<String, String> f : Map.of("signature", nz(r.signature()), "nonce", nz(r.nonce()),
                "messageId", nz(r.messageId()), "encryptedContent", nz(r.encryptedContent())).entrySet()) {
            if (f.getValue().isBlank()) {
                throw new CallbackRefused(f.getKey(), f.getKey() + " is missing");
            }
        }
        byte[] expected = signature(r).getBytes(StandardCharsets.US_ASCII);
        byte[] given = r.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new CallbackRefused("signature", "signature mismatch: not signed with this instance's aesKey, or "
                    + "changed on the way");
        }
        if (enterpriseAccount != null && !enterpriseAccount.equals(r.enterpriseAccount())) {
            throw new CallbackRefused("enterpriseAccount", "the callback is for another tenant");
        }
        try {
            return new String(cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder()
                    .decode(r.encryptedContent().trim())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new CallbackRefused("encryptedContent", "encryptedContent does not decrypt with this instance's "
                    + "aesKey");
        }
    }

    /** The reply that ends FXiaoKe's re-sends: the encrypted, signed {@code success}. */
    public Map<String, String> successReply(long timestampMillis) {
        String ts = String.valueOf(timestampMillis);
        String nonce = EnvelopeCrypto.randomText(16);
        String encrypted = encrypt("success");
        Map<String, String> reply = new LinkedHashMap<>();
        reply.put("timestamp", ts);
        reply.put("nonce", nonce);
        reply.put("encryptedResult", encrypted);
        reply.put("signature", sha1Hex(ts + nonce + encrypted + aesKeyText));
        return reply;
    }

    /** Base64 of AES-256-CBC/PKCS5 of the text (the reply; tests use it to play the CRM). */
    public String encrypt(String plaintext) {
        try {
            return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return c;
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "FxiaokeCallbackCrypto[" + (enterpriseAccount == null ? "any tenant" : enterpriseAccount) + "]";
    }
}
