package org.aftersaleshub.web;

import java.util.Locale;

/**
 * What the servlet container refused, read from its status, message and exception (which are classified here and
 * never copied into an answer: they quote the refused bytes).
 *
 * @param status    the status to answer: Tomcat's, except a header section over the limit (431 rather than 400) and
 *                  a transfer coding it does not implement or an HTTP version it does not speak (400 rather than
 *                  501 / 505: the client sent it, so it is the client's error like any other malformed request)
 * @param violation the part of the request at fault, or null when the refusal is not about the request's form
 */
record ContainerRefusal(int status, FieldViolation violation) {

    static final FieldViolation PATH = new FieldViolation("path", "uri-syntax", "must be a plain, normalised path of "
            + "printable ASCII: no encoded '/', '\\' or NUL, no '..' segments above the root (路径非法)");
    static final FieldViolation REQUEST_LINE = new FieldViolation("request", "request-line",
            "must be a well-formed HTTP/1.1 request line: METHOD SP path SP HTTP/1.1 (请求行格式错误)");
    static final FieldViolation HEADER_LINE = new FieldViolation("headers", "header-syntax",
            "must be well-formed header lines 'Name: value' with a token name and no control characters (请求头格式错误)");
    static final FieldViolation HEADERS_TOO_LARGE = new FieldViolation("headers", "max-size",
            "must fit, with the request line, in the server's header limit (请求头过大)");
    static final FieldViolation TRANSFER_ENCODING = new FieldViolation("Transfer-Encoding", "one-of:[chunked]",
            "must be chunked, or leave it out and send Content-Length");
    static final FieldViolation HTTP_VERSION = new FieldViolation("request", "http-version",
            "must use HTTP/1.1 or HTTP/1.0 on this port (不支持的 HTTP 版本)");
    static final FieldViolation REQUEST = new FieldViolation("request", "http-syntax",
            "must be a well-formed HTTP/1.1 request (请求格式错误)");

    static ContainerRefusal of(int status, String message, Throwable cause, String rawPath,
            boolean transferEncoding) {
        String m = message == null ? "" : message;
        String c = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (status == 501 && transferEncoding) {
            return new ContainerRefusal(400, TRANSFER_ENCODING);
        }
        if (status == 505) {
            // Tomcat's "version not supported" is a 5xx, but the fault is the client's request line
            return new ContainerRefusal(400, HTTP_VERSION);
        }
        if (status != 400) {
            return new ContainerRefusal(status, null);
        }
        if (c.startsWith("Request header is too large")) {
            return new ContainerRefusal(431, HEADERS_TOO_LARGE);
        }
        if (m.startsWith("Invalid URI") || c.contains("request target")) {
            return new ContainerRefusal(400, PATH);
        }
        if (c.contains("HTTP header line")) {
            return new ContainerRefusal(400, HEADER_LINE);
        }
        if (c.contains("method name") || c.contains("HTTP protocol")) {
            return new ContainerRefusal(400, REQUEST_LINE);
        }
        // Tomcat gives no reason for some refused paths (a %FF that is no UTF-8): look at the path itself.
        if (rawPath != null && !plainPath(rawPath)) {
            return new ContainerRefusal(400, PATH);
        }
        return new ContainerRefusal(400, REQUEST);
    }

    /** Printable ASCII, percent-encoded UTF-8 that decodes to printable characters, no encoded '/' or '\'. */
    static boolean plainPath(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")
                || rawPath.chars().anyMatch(ch -> ch <= 0x20 || ch >= 0x7f)) {
            return false;
        }
        String decoded = KnownQueryParameters.decode(rawPath.replace("+", "%2B"));
        return decoded != null && decoded.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '\\');
    }
}
