package org.aftersaleshub.connector.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration key, declared once as a {@code public static final} constant of a connector's config class
 * (Debezium {@code Field} / Kafka {@code ConfigDef} style) and read nowhere else by string literal.
 *
 * <pre>{@code
 * public static final ConfigKey ACCT_ID = ConfigKey.builder("kingdee.acct-id")
 *         .label("账套ID").type(ConfigType.STRING).required().importance(Importance.HIGH).group("Connection")
 *         .description("Account-set (data centre) id ...").build();
 * }</pre>
 */
public final class ConfigKey {

    private final String name;
    private final String label;
    private final ConfigType type;
    private final String defaultValue;
    private final boolean required;
    private final boolean secret;
    private final Importance importance;
    private final String group;
    private final String description;
    private final List<String> enumValues;
    private final List<Rule> rules;

    private ConfigKey(Builder b) {
        this.name = b.name;
        this.label = b.label;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.required = b.required;
        this.secret = b.secret;
        this.importance = b.importance;
        this.group = b.group;
        this.description = b.description;
        this.enumValues = List.copyOf(b.enumValues);
        this.rules = List.copyOf(b.rules);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Short human name, with the Chinese term where it helps ("账套ID"); may be empty. */
    public String label() {
        return label;
    }

    public ConfigType type() {
        return type;
    }

    /** The raw default, or null when the key has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Required keys have no default and must be non-blank. */
    public boolean required() {
        return required;
    }

    /** Secret values are masked ({@code ****}) in toString, logs, errors and generated docs. */
    public boolean secret() {
        return secret;
    }

    public Importance importance() {
        return importance;
    }

    public String group() {
        return group;
    }

    public String description() {
        return description;
    }

    /** Allowed values of an {@link ConfigType#ENUM} key, in declaration order; empty otherwise. */
    public List<String> enumValues() {
        return enumValues;
    }

    public List<Rule> rules() {
        return rules;
    }

    /** "kingdee.acct-id (账套ID)" — how problems name the key. */
    public String display() {
        return label.isEmpty() ? name : name + " (" + label + ")";
    }

    /**
     * Parses a raw value (already defaulted, not blank) to this key's type: String, Integer, Long, Boolean, URI,
     * the canonical enum value (String) or {@code Map<String,String>}.
     *
     * @throws IllegalArgumentException with the end of a sentence ("must be a whole number") when it does not parse
     */
    public Object parse(String raw) {
        String v = raw.trim();
        switch (type) {
            case STRING:
                return raw;
            case INT:
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number, was '" + v + "'");
                }
            case LONG:
                try {
                    return Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number, was '" + v + "'");
                }
            case BOOLEAN:
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(v);
                }
                throw new IllegalArgumentException("must be true or false, was '" + v + "'");
            case URL:
                try {
                    URI uri = new URI(v);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                        throw new IllegalArgumentException("must be an absolute http(s) URL such as "
                                + "https://erp.example.com/k3cloud/, was '" + v + "'");
                    }
                    return uri;
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("must be an absolute http(s) URL, was '" + v + "'");
                }
            case ENUM:
                String norm = v.toUpperCase(Locale.ROOT).replace('-', '_');
                for (String allowed : enumValues) {
                    if (allowed.equals(norm)) {
                        return allowed;
                    }
                }
                throw new IllegalArgumentException("must be one of " + String.join(", ", enumValues) + ", was '" + v + "'");
            case MAP:
                Map<String, String> map = new LinkedHashMap<>();
                if (v.isEmpty()) {
                    return map;
                }
                for (String pair : v.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        throw new IllegalArgumentException("must be a list of code=code pairs separated by commas, "
                                + "such as WH01=CK001,WH02=CK002; '" + pair.trim() + "' is not a pair");
                    }
                    map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
                return map;
            default:
                throw new IllegalStateException(type.name());
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Fluent builder; {@link #build()} checks that the declaration itself is complete. */
    public static final class Builder {
        private final String name;
        private String label = "";
        private ConfigType type = ConfigType.STRING;
        private String defaultValue;
        private boolean required;
        private boolean secret;
        private Importance importance = Importance.MEDIUM;
        private String group = "General";
        private String description = "";
        private final List<String> enumValues = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder type(ConfigType type) {
            this.type = type;
            return this;
        }

        /** An enum key whose values are the constant names of {@code values}. */
        public Builder enumOf(Class<? extends Enum<?>> values) {
            this.type = ConfigType.ENUM;
            for (Enum<?> e : values.getEnumConstants()) {
                enumValues.add(e.name());
            }
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value == null ? null : value.toString();
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder importance(Importance importance) {
            this.importance = importance;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder rule(Rule rule) {
            this.rules.add(rule);
            return this;
        }

        public ConfigKey build() {
            if (!name.matches("[a-z0-9]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
                throw new IllegalStateException("config key '" + name + "' must be lower-case dotted (kingdee.acct-id)");
            }
            if (required && defaultValue != null) {
                throw new IllegalStateException(name + ": a required key has no default");
            }
            if (type == ConfigType.ENUM && enumValues.isEmpty()) {
                throw new IllegalStateException(name + ": an enum key needs enumOf(...)");
            }
            return new ConfigKey(this);
        }
    }
}
