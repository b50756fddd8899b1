package org.aftersaleshub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.aftersaleshub.web.FieldViolation;
import org.aftersaleshub.web.ProblemWriter;
import org.aftersaleshub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as problem+json with a {@code WWW-Authenticate: Bearer} challenge. Never echoes the presented key. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    /** Which header is at fault: the key presented, a scheme other than Bearer, or no key at all. */
    private static FieldViolation violation(HttpServletRequest request, boolean presented) {
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (presented) {
            return new FieldViolation(bearer || request.getHeader("X-API-Key") == null ? "Authorization"
                    : "X-API-Key", "valid-api-key", "is not a valid, unrevoked API key");
        }
        if (authorization != null && !authorization.isBlank()) {
            return new FieldViolation("Authorization", "scheme:Bearer",
                    "must use the Bearer scheme with an API key: 'Bearer ahk_<keyId>_<secret>'");
        }
        return new FieldViolation("Authorization", "required",
                "must carry an API key: 'Bearer ahk_<keyId>_<secret>' (or the key alone in X-API-Key)");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = ApiKeyAuthenticationFilter.presentedKey(request) != null;
        response.setHeader("WWW-Authenticate", presented
                ? "Bearer realm=\"aftersales-hub\", error=\"invalid_token\""
                : "Bearer realm=\"aftersales-hub\"");
        ProblemDetail p = Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED,
                "Authentication required (需要认证)", presented
                        ? "The API key is not valid or has been revoked (API 密钥无效或已吊销)."
                        : "Send an API key as 'Authorization: Bearer ahk_...' or in the X-API-Key header.");
        p.setProperty("errors", List.of(violation(request, presented)));
        problems.write(request, response, p);
    }
}
