package org.aftersaleshub.connector.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration, attached to the key that causes it.
 *
 * @param key  the config key ({@code kingdee.acct-id}), never null
 * @param rule short machine-readable name of the broken rule ({@code required}, {@code type}, {@code range},
 *             {@code one-of}, {@code pattern}, {@code url}, {@code requires}, {@code connectivity},
 *             {@code authentication}), never null
 * @param hint English sentence for a person, naming the key (with the Chinese term where it helps) and the fix;
 *             never contains a secret value
 */
public record ConfigProblem(String key, String rule, String hint) {

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(hint, "hint");
    }

    @Override
    public String toString() {
        return key + ": " + hint + " [" + rule + "]";
    }
}
