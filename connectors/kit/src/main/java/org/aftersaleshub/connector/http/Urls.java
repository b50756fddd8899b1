package org.aftersaleshub.connector.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Building request URLs the same way in every connector: one slash between base and path, values URL-encoded. */
public final class Urls {

    private Urls() {
    }

    /** {@code a=1&b=x%2By}: names and values URL-encoded (UTF-8), in the given order; null values left out. */
    public static String query(Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                q.add(encode(k) + "=" + encode(v));
            }
        });
        return q.toString();
    }

    /** URL-encodes one value: {@code +}, {@code /} and {@code =} become {@code %2B}, {@code %2F}, {@code %3D}. */
    public static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** {@code base} with exactly one slash before {@code path}, then the encoded {@code params} (if any). */
    public static URI resolve(String base, String path, Map<String, String> params) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String p = path.startsWith("/") ? path : "/" + path;
        String q = params.isEmpty() ? "" : (p.contains("?") ? "&" : "?") + query(params);
        return URI.create(b + p + q);
    }
}
