package org.aftersaleshub.console;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The {@code console_user} table: accounts, hashed passwords (bcrypt) and the persisted lockout. */
@Component
public class ConsoleUsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final ConsoleProperties properties;
    // delegating: the stored hash names its algorithm ({bcrypt}), so a stronger one can come later
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    public ConsoleUsers(JdbcTemplate jdbc, ConsoleProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    PasswordEncoder encoder() {
        return encoder;
    }

    /** A random password of 20 URL-safe characters (120 bits). */
    public static String randomPassword() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public void create(String username, String password, ConsoleRole role, List<String> regions, List<String> teams,
            String createdBy) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("username must be 1..64 of letters, digits, . _ @ -");
        }
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("password must have at least 12 characters");
        }
        jdbc.update("insert into console_user (username, password_hash, role, regions, teams, failed_attempts,"
                        + " created_at, created_by) values (?, ?, ?, ?, ?, 0, ?, ?)", username,
                encoder.encode(password), role.name(), String.join(",", regions), String.join(",", teams),
                Timestamp.from(Instant.now()), createdBy);
    }

    public Optional<ConsoleUser> find(String username) {
        return jdbc.query("select username, password_hash, role, regions, teams, failed_attempts, locked_until"
                + " from console_user where username = ?", ConsoleUsers::row, username).stream().findFirst();
    }

    public long count() {
        Long n = jdbc.queryForObject("select count(*) from console_user", Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Counts a failed sign-in in one statement (two instances counting at once both count); the failure that
     * reaches {@code hub.console.max-failures} locks the account and starts counting again.
     *
     * @return true when this failure locked the account
     */
    public boolean recordFailure(String username) {
        Instant now = Instant.now();
        int max = properties.maxFailures();
        jdbc.update("update console_user set"
                + " locked_until = case when failed_attempts + 1 >= ? then ? else locked_until end,"
                + " failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end"
                + " where username = ?", max, Timestamp.from(now.plus(properties.lockDuration())), max, username);
        return find(username).map(u -> u.lockedAt(now) && u.failedAttempts() == 0).orElse(false);
    }

    public void recordSuccess(String username) {
        jdbc.update("update console_user set failed_attempts = 0, locked_until = null where username = ?", username);
    }

    private static ConsoleUser row(ResultSet rs, int i) throws SQLException {
        Timestamp locked = rs.getTimestamp(7);
        return new ConsoleUser(rs.getString(1), rs.getString(2), ConsoleRole.of(rs.getString(3)), list(rs.getString(4)),
                list(rs.getString(5)), rs.getInt(6), locked == null ? null : locked.toInstant());
    }

    static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
