package org.aftersaleshub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter the operation does not declare, as an unknown property of a JSON body is refused: a typo
 * ({@code ?sise=500}) or a parameter the API does not have ({@code ?sort=name}) would otherwise be ignored, and the
 * client would read a default answer as the answer to its question. The declared parameters are the
 * {@code @RequestParam}s of the handler method, which is also what the OpenAPI document lists. For the same reason
 * a parameter that is not valid percent-encoded UTF-8 is refused: Tomcat drops it silently.
 */
public class KnownQueryParameters implements HandlerInterceptor {

    /**
     * Per handler method: the parameter names it binds, each with whether it takes several values (a list or an
     * array), or empty when it takes any (a map or a bound object).
     */
    private final Map<Method, Optional<Map<String, Boolean>>> known = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty() || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Optional<Map<String, Boolean>> declared = known.computeIfAbsent(method.getMethod(), m -> declared(method));
        if (declared.isEmpty()) {
            return true;
        }
        Map<String, FieldViolation> unknown = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name == null || (eq >= 0 && decode(pair.substring(eq + 1)) == null)) {
                String field = name == null ? "query" : shorten(name);
                unknown.putIfAbsent(field, new FieldViolation(field, "url-encoding",
                        "must be percent-encoded UTF-8 (参数编码错误)"));
            } else if (!declared.get().containsKey(name)) {
                String list = declared.get().isEmpty() ? "none" : String.join(", ", declared.get().keySet());
                unknown.putIfAbsent(shorten(name), new FieldViolation(shorten(name), "unknown-parameter",
                        "is not a parameter of this operation (未知参数); its parameters: " + list));
            } else if (!seen.add(name) && !declared.get().get(name)) {
                // Spring would bind the first value and drop the others without a word (?status=NEW&status=BOGUS)
                unknown.putIfAbsent(name, new FieldViolation(name, "single-value",
                        "must be given once (参数重复)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiProblem.validation(List.copyOf(unknown.values()));
        }
        return true;
    }

    private static Optional<Map<String, Boolean>> declared(HandlerMethod method) {
        Map<String, Boolean> names = new TreeMap<>();
        for (MethodParameter p : method.getMethodParameters()) {
            RequestParam rp = p.getParameterAnnotation(RequestParam.class);
            if (rp != null && Map.class.isAssignableFrom(p.getParameterType())) {
                return Optional.empty();
            }
            if (rp != null || (!p.hasParameterAnnotations() && BeanUtils.isSimpleProperty(p.getParameterType()))) {
                // Spring binds an unannotated simple parameter from the query as if it had @RequestParam.
                Class<?> type = p.getParameterType();
                names.put(ParameterViolations.name(p),
                        type.isArray() || Collection.class.isAssignableFrom(type));
            } else if (p.hasParameterAnnotation(ModelAttribute.class)) {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    /** A name as the client sent it, cut so that a hostile query cannot make the answer large. */
    private static String shorten(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    /** A query component decoded as a form value (percent-encoded UTF-8, '+' for space), or null when it is not. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (ch == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (ch == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
