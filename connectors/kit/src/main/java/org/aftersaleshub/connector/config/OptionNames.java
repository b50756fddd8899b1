package org.aftersaleshub.connector.config;

/**
 * How a config key is spelled as an option of a Camel endpoint or component: camelCase of the key's suffix
 * ({@code kingdee.acct-id} → {@code acctId}). One rule for every connector's Camel component, so URI options and
 * config keys stay one name apart.
 */
public final class OptionNames {

    private OptionNames() {
    }

    /**
     * The camelCase option of a key suffix (the key without its {@code <connector>.} prefix): {@code '-'} and
     * {@code '.'} are dropped and upper-case the next character; every other character is lower-cased
     * ({@code app-secret} → {@code appSecret}, {@code async.max-polls} → {@code asyncMaxPolls}).
     */
    public static String camelCase(String keySuffix) {
        StringBuilder out = new StringBuilder(keySuffix.length());
        boolean upper = false;
        for (char c : keySuffix.toCharArray()) {
            if (c == '-' || c == '.') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString();
    }
}
