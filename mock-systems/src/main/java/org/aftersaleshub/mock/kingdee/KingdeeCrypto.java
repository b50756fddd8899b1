package org.aftersaleshub.mock.kingdee;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing recipes of K/3 Cloud WebAPI (docs/vendor-apis/kingdee-k3cloud.md §4.2, §4.5), built on JDK primitives
 * only. Known-answer vectors: {@code mock-systems/tools/kingdee_vectors.py}.
 */
public final class KingdeeCrypto {

    /** The fixed XOR key both official SDKs use to turn the appId's encoded part into the gateway secret. */
    private static final byte[] XOR_KEY = "0054f397c6234378b09ca7d3e5debce7".getBytes(StandardCharsets.US_ASCII);

    private KingdeeCrypto() {
    }

    /** {@code base64(lowercase_hex(HmacSHA256(key, msg)))}: base64 is taken over the hex STRING. */
    public static String kdHmac(String message, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The API-gateway secret hidden in an appId {@code <clientId>_<encodedSecret>}:
     * {@code base64(xor(base64decode(encodedSecret), K))}. Like the Java SDK, a part that is not 32 characters
     * long is used as it is.
     */
    public static String gatewaySecret(String encodedSecret) {
        if (encodedSecret.length() != 32) {
            return encodedSecret;
        }
        byte[] raw = Base64.getDecoder().decode(encodedSecret);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (raw[i] ^ XOR_KEY[i]);
        }
        return Base64.getEncoder().encodeToString(raw);
    }

    /** The string the SDKs sign for {@code X-Api-Signature}: the path is URL-encoded with '/' as %2F. */
    public static String apiSignatureBase(String path, String nonce, String timestamp) {
        return "POST\n" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "\n\nx-api-nonce:" + nonce
                + "\nx-api-timestamp:" + timestamp + "\n";
    }

    /** LoginBySign: the five values sorted by ordinal order, concatenated, hashed, lower-case hex. */
    public static String loginSign(String algorithm, String acctId, String userName, String appId, String appSecret,
                                   String timestamp) {
        String[] parts = {acctId, userName, appId, appSecret, timestamp};
        Arrays.sort(parts);
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(md.digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unknown digest " + algorithm, e);
        }
    }

    /** Compares without leaking where two signatures first differ. */
    public static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
