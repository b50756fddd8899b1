package org.aftersaleshub.budget;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals access tokens before they reach the database: AES-256-GCM with a key derived (SHA-256) from
 * {@code hub.budgets.token-key}, a random 96-bit nonce per value and the token's key as associated data, so a sealed
 * value moved to another row does not open. Stored as {@code v1:<base64(nonce || ciphertext)>}. Without a key the
 * value is stored as {@code plain:<token>} (readable by whoever reads the database; the hub warns at start).
 */
final class TokenCipher {

    private static final String SEALED = "v1:";
    private static final String PLAIN = "plain:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private TokenCipher(SecretKeySpec key) {
        this.key = key;
    }

    /** A cipher for {@code secret}; a blank secret stores tokens unsealed. */
    static TokenCipher of(String secret) {
        if (secret == null || secret.isBlank()) {
            return new TokenCipher(null);
        }
        try {
            byte[] k = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return new TokenCipher(new SecretKeySpec(k, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    boolean seals() {
        return key != null;
    }

    String seal(String tokenKey, String value) {
        if (key == null) {
            return PLAIN + value;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(tokenKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal the token of " + tokenKey, e);
        }
    }

    /**
     * The token in {@code stored}.
     *
     * @throws IllegalArgumentException when it does not open with this key (another key, or no key here)
     */
    String open(String tokenKey, String stored) {
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (!stored.startsWith(SEALED) || key == null) {
            throw new IllegalArgumentException("the stored token of " + tokenKey + " is sealed"
                    + (key == null ? ", and hub.budgets.token-key is empty here" : " in an unknown format"));
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(tokenKey.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the stored token of " + tokenKey + " does not open with "
                    + "hub.budgets.token-key (was the key changed?)");
        }
    }
}
