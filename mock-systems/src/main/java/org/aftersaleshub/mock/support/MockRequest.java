package org.aftersaleshub.mock.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An incoming HTTP request as the mocks see it: independent of WireMock's types so handlers stay plain Java.
 *
 * @param path    the path without query string, URL-decoded
 * @param query   query parameters (first value of each), URL-decoded
 * @param headers headers, names case-insensitive, all values
 * @param rawQuery the query string exactly as sent (not decoded; empty when there was none), for mocks whose
 *                 real server decodes '+' as a space (DingTalk robot {@code sign}) where {@link #query} keeps it
 */
public record MockRequest(String method, String path, Map<String, String> query,
                          Map<String, List<String>> headers, byte[] body, String clientIp, String rawQuery) {

    /** Without the raw query string (kept for callers built before {@link #rawQuery} existed). */
    public MockRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
                       byte[] body, String clientIp) {
        this(method, path, query, headers, body, clientIp, "");
    }

    public static MockRequest of(String method, String url, Map<String, List<String>> headers, byte[] body,
                                 String clientIp) {
        String path = url;
        Map<String, String> query = new LinkedHashMap<>();
        String rawQuery = "";
        int q = url.indexOf('?');
        if (q >= 0) {
            path = url.substring(0, q);
            rawQuery = url.substring(q + 1);
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.putIfAbsent(k, v);
            }
        }
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        return new MockRequest(method.toUpperCase(), decode(path), query, h, body == null ? new byte[0] : body, clientIp,
                rawQuery);
    }

    private static String decode(String s) {
        // '+' in a query means space in form encoding, but tokens with '+' (YonBIP) arrive percent-encoded
        // by proper clients; keep a literal '+' when it was not encoded, as servlet containers differ here.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * A query parameter decoded the way a servlet container decodes forms: {@code +} becomes a space.
     * {@code null} when absent.
     */
    public String formDecodedQueryParam(String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(k, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
