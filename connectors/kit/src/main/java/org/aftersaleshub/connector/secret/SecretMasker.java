package org.aftersaleshub.connector.secret;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Replaces every occurrence of known secret values with {@code ****}. Connectors pass every text that may
 * echo a request (error bodies, exception messages) through it before it reaches a log or an exception.
 * Values shorter than 4 characters are not masked (they would mangle ordinary text); declare real secrets.
 */
public final class SecretMasker {

    public static final String MASK = "****";
    private static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> secrets;

    public SecretMasker(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4)
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    public static SecretMasker none() {
        return NONE;
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
