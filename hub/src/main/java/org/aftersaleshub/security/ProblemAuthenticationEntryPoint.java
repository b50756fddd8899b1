package org.aftersaleshub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.aftersaleshub.web.ProblemWriter;
import org.aftersaleshub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as problem+json with a {@code WWW-Authenticate: Bearer} challenge. Never echoes the presented key. */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean presented = ApiKeyAuthenticationFilter.presentedKey(request) != null;
        response.setHeader("WWW-Authenticate", presented
                ? "Bearer realm=\"aftersales-hub\", error=\"invalid_token\""
                : "Bearer realm=\"aftersales-hub\"");
        problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED,
                "Authentication required (需要认证)", presented
                        ? "The API key is not valid or has been revoked (API 密钥无效或已吊销)."
                        : "Send an API key as 'Authorization: Bearer ahk_...' or in the X-API-Key header."));
    }
}
