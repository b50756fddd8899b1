package org.aftersaleshub.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authentication by API key. Before verification it holds the presented key; after, only the principal: the
 * secret is dropped so nothing downstream can log it.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal principal;
    private transient String presentedKey;

    private ApiKeyAuthentication(String presentedKey) {
        super(List.of());
        this.principal = null;
        this.presentedKey = presentedKey;
    }

    private ApiKeyAuthentication(ApiKeyPrincipal principal) {
        super(ApiScope.effective(principal.scopes()).stream().map(s -> new SimpleGrantedAuthority(s.authority()))
                .toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    static ApiKeyAuthentication unverified(String presentedKey) {
        return new ApiKeyAuthentication(presentedKey);
    }

    static ApiKeyAuthentication verified(ApiKeyPrincipal principal) {
        return new ApiKeyAuthentication(principal);
    }

    String presentedKey() {
        return presentedKey;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return principal;
    }

    /** The key's name (the audit actor), or empty before verification. */
    @Override
    public String getName() {
        return principal == null ? "" : principal.name();
    }

    @Override
    public void eraseCredentials() {
        presentedKey = null;
    }

    @Override
    public String toString() {
        return "ApiKeyAuthentication[" + (principal == null ? "unverified" : principal.keyId() + "/" + principal.name())
                + "]";
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
