package org.aftersaleshub.connector.kingdee;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Derives a document's {@code FBillNo} from the part-usage id — the idempotency key of the Kingdee effect
 * (docs/vendor-apis/kingdee-k3cloud.md §8.1: bill numbers are unique per form, so a replay hits the uniqueness check or
 * is found by a query).
 *
 * <p>Derivation, for prefix {@code P} (1..6 of {@code [A-Z0-9]}) and usage id {@code U}:
 * <ul>
 *   <li>if {@code U} consists of upper-case letters, digits and {@code -} only and {@code P + "-" + U} is at most
 *       {@value #MAX_LENGTH} characters: {@code P-U} (readable: {@code AH-TK1001-1});</li>
 *   <li>otherwise {@code P + "H" + } the first 20 characters of the RFC 4648 base32 of SHA-256(U), e.g.
 *       {@code AHHMZXW6YTBOI5DKNRSG4}: 100 bits of hash, at most 27 characters.</li>
 * </ul>
 * The two shapes never collide (the character after the prefix is {@code -} in one and {@code H} in the other).
 * Lower-case ids are hashed rather than copied because K/3 Cloud databases usually compare bill numbers
 * case-insensitively, and {@code u1} and {@code U1} are different usages. {@value #MAX_LENGTH} characters fits the
 * bill-number column of the stock forms.
 */
public final class BillNumbers {

    public static final int MAX_LENGTH = 30;
    private static final Pattern READABLE = Pattern.compile("[A-Z0-9-]+");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private BillNumbers() {
    }

    public static String derive(String prefix, String usageId) {
        if (usageId == null || usageId.isEmpty()) {
            throw new IllegalArgumentException("usage id is required to derive FBillNo");
        }
        String readable = prefix + "-" + usageId;
        if (READABLE.matcher(usageId).matches() && readable.length() <= MAX_LENGTH) {
            return readable;
        }
        return prefix + "H" + base32(sha256(usageId)).substring(0, 20);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
