package org.aftersaleshub.console;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in person, as the session keeps them. Holds the password hash only until sign-in erases it. */
public final class ConsolePrincipal implements UserDetails {

    private final String username;
    private String passwordHash;
    private final ConsoleRole role;
    private final List<String> regions;
    private final List<String> teams;
    private final boolean locked;

    ConsolePrincipal(ConsoleUser user, Instant now) {
        this.username = user.username();
        this.passwordHash = user.passwordHash();
        this.role = user.role();
        this.regions = user.regions();
        this.teams = user.teams();
        this.locked = user.lockedAt(now);
    }

    public ConsoleRole role() {
        return role;
    }

    public List<String> regions() {
        return regions;
    }

    public List<String> teams() {
        return teams;
    }

    /** How the audit log names this person: {@code console:<username>}. */
    public String actor() {
        return "console:" + username;
    }

    public boolean mayChange() {
        return role != ConsoleRole.VIEWER;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "ConsolePrincipal[" + username + "/" + role + "]";
    }
}
