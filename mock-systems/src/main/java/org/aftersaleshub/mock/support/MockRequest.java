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
 */
public record MockRequest(String method, String path, Map<String, String> query,
                          Map<String, List<String>> headers, byte[] body, String clientIp) {

    public static MockRequest of(String method, String url, Map<String, List<String>> headers, byte[] body,
                                 String clientIp) {
        String path = url;
        Map<String, String> query = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q >= 0) {
            path = url.substring(0, q);
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
        return new MockRequest(method.toUpperCase(), decode(path), query, h, body == null ? new byte[0] : body, clientIp);
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

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
