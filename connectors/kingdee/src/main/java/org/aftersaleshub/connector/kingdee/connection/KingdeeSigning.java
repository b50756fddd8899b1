package org.aftersaleshub.connector.kingdee.connection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signing recipes of K/3 Cloud WebAPI (docs/vendor-apis/kingdee-k3cloud.md §4.5, §4.2): the SDK 8.x per-request
 * headers and the LoginBySign signature. JDK crypto only.
 */
public final class KingdeeSigning {

    /** The public, fixed key the SDKs XOR the app id's encoded part with to get the API-gateway secret. */
    private static final byte[] GATEWAY_XOR_KEY = "0054f397c6234378b09ca7d3e5debce7".getBytes(StandardCharsets.US_ASCII);

    private KingdeeSigning() {
    }

    /** Kingdee's HMAC: HmacSHA256, lower-case hex, then base64 of that hex text. */
    static String hmacHexBase64(String message, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(HexFormat.of().formatHex(digest)
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The API-gateway secret carried in an app id {@code <clientId>_<encoded>}: the encoded part base64-decoded,
     * XORed with the SDK key, base64-encoded again. An encoded part that is not 32 characters is used as it is
     * (as the SDKs do).
     */
    static String gatewaySecret(String appId) {
        int sep = appId.indexOf('_');
        String encoded = sep < 0 ? "" : appId.substring(sep + 1);
        if (encoded.length() != 32) {
            return encoded;
        }
        byte[] raw = Base64.getDecoder().decode(encoded);
        byte[] mixed = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            mixed[i] = (byte) (raw[i] ^ GATEWAY_XOR_KEY[i % GATEWAY_XOR_KEY.length]);
        }
        return Base64.getEncoder().encodeToString(mixed);
    }

    /**
     * The SDK 8.x headers for one POST to {@code path} (the URL path, e.g.
     * {@code /k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc}).
     *
     * @param epochSeconds the timestamp, also used as nonce (as the Python SDK does)
     */
    public static Map<String, String> signatureHeaders(String path, String acctId, String userName, String appId,
                                                       String appSecret, int lcid, String orgNumber,
                                                       long epochSeconds) {
        String ts = Long.toString(epochSeconds);
        String clientId = appId.substring(0, Math.max(0, appId.indexOf('_')));
        String canonical = "POST\n" + URLEncoder.encode(path, StandardCharsets.UTF_8) + "\n\nx-api-nonce:" + ts
                + "\nx-api-timestamp:" + ts + "\n";
        String appData = acctId + "," + userName + "," + lcid + "," + orgNumber;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Api-ClientID", clientId);
        h.put("X-Api-Auth-Version", "2.0");
        h.put("x-api-timestamp", ts);
        h.put("x-api-nonce", ts);
        h.put("x-api-signheaders", "x-api-timestamp,x-api-nonce");
        h.put("X-Api-Signature", hmacHexBase64(canonical, gatewaySecret(appId)));
        h.put("X-Kd-Appkey", appId);
        h.put("X-Kd-Appdata", Base64.getEncoder().encodeToString(appData.getBytes(StandardCharsets.UTF_8)));
        h.put("X-Kd-Signature", hmacHexBase64(appId + appData, appSecret));
        return h;
    }

    /** LoginBySign: the five values in ordinal order, concatenated, digested, lower-case hex. */
    public static String loginSign(String digest, String acctId, String userName, String appId, String appSecret,
                                   long epochSeconds) {
        String joined = String.join("", Stream.of(acctId, userName, appId, appSecret, Long.toString(epochSeconds))
                .sorted().toList());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(digest)
                    .digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " unavailable", e);
        }
    }
}
