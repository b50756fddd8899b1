package org.aftersaleshub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Verifies an {@link ApiKeyAuthentication}. Being an {@link AuthenticationProvider} bean it also stops Spring Boot
 * from creating its default user with a generated password (which it would print to the log).
 */
@Component
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyService keys;

    public ApiKeyAuthenticationProvider(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        ApiKeyAuthentication presented = (ApiKeyAuthentication) authentication;
        return keys.authenticate(presented.presentedKey()).map(ApiKeyAuthentication::verified)
                .orElseThrow(() -> new BadCredentialsException("The API key is not valid or has been revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
