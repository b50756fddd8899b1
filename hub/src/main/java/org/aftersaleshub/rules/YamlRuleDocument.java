package org.aftersaleshub.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A YAML rule file read with the position of every node, checked against the JSON Schema its kind publishes
 * ({@code classpath:rules-schema/<kind>.schema.json}, served at {@code /rules-schema/<kind>.json}). Rule kinds use
 * it so that every structural problem has file, line, column and a bilingual hint without checking structure by
 * hand.
 */
public final class YamlRuleDocument {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final String[] lines;
    private final JsonNode root;
    private final List<RuleProblem> problems = new ArrayList<>();

    private YamlRuleDocument(Path file, String text, JsonNode root) {
        this.file = file;
        this.lines = text.split("\\R", -1);
        this.root = root;
    }

    /** Parses {@code text}; a YAML syntax error becomes the document's one problem and {@link #root()} is null. */
    public static YamlRuleDocument parse(Path file, String text) {
        try {
            JsonNode root;
            try (JsonParser parser = YAML.getFactory().createParser(text)) {
                // nodes that remember where they were read: every problem gets its line and column
                root = YAML.reader(LocationJsonNodeFactoryFactory.getInstance().getJsonNodeFactory(parser))
                        .readTree(parser);
            }
            return new YamlRuleDocument(file, text, root == null || root.isMissingNode() ? null : root);
        } catch (JsonProcessingException e) {
            YamlRuleDocument d = new YamlRuleDocument(file, text, null);
            JsonLocation at = e.getLocation();
            d.problems.add(RuleProblem.error(file.toString(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid YAML: " + e.getOriginalMessage(),
                    "check indentation (spaces, not tabs), that list items start with '- ' and that a value holding"
                            + " ': ' is quoted",
                    "检查缩进（用空格，不用制表符）、列表项以“- ”开头、含“: ”的值要加引号"));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed document, null when it did not parse or is empty. */
    public JsonNode root() {
        return root;
    }

    /** Problems found so far (parse, schema, and what {@link #problem} added). */
    public List<RuleProblem> problems() {
        return problems;
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(RuleProblem::isError);
    }

    /** Checks the document against the schema {@code rules-schema/<kind>.schema.json} on the class path. */
    public YamlRuleDocument checkSchema(String kind) {
        if (root == null) {
            if (problems.isEmpty()) {
                problems.add(RuleProblem.error(file.toString(), 0, 0, "the file is empty",
                        "write the " + kind + " rules, see docs/rules.md", "请按 docs/rules.md 编写" + kind + "规则"));
            }
            return this;
        }
        JsonSchema schema = schema(kind);
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(root));
        messages.sort(Comparator.comparingInt(m -> lineOf(at(m))));
        for (ValidationMessage m : messages) {
            JsonNode node = at(m);
            JsonLocation loc = node == null ? null : JsonNodes.tokenLocationOf(node);
            int line = loc == null ? 0 : loc.getLineNr();
            int column = loc == null ? 0 : loc.getColumnNr();
            if ("additionalProperties".equals(m.getType()) && line > 0) {
                int[] key = keyAtOrBefore(m.getProperty(), line);
                if (key != null) {
                    line = key[0];
                    column = key[1];
                }
            }
            // the schema's message names the rule, not what was written: add the value
            String found = node != null && node.isValueNode() && !"additionalProperties".equals(m.getType())
                    ? " (found '" + node.asText() + "')" : "";
            problems.add(RuleProblem.error(file.toString(), line, column, "does not match the " + kind + " schema: "
                    + m.getMessage() + found, hint(m, kind), hintZh(m, kind)));
        }
        return this;
    }

    /** Adds a problem at a node of this document (its line and column). */
    public void problem(JsonNode at, RuleProblem.Severity severity, String problem, String hint, String hintZh) {
        JsonLocation loc = at == null ? null : JsonNodes.tokenLocationOf(at);
        problems.add(new RuleProblem(file.toString(), loc == null ? 0 : loc.getLineNr(),
                loc == null ? 0 : loc.getColumnNr(), severity, problem, hint, hintZh));
    }

    /** The node a message is about: for an unknown key the key's value, so the position is that key's line. */
    private JsonNode at(ValidationMessage m) {
        JsonNode node = m.getInstanceNode();
        if ("additionalProperties".equals(m.getType()) && node != null && m.getProperty() != null
                && node.has(m.getProperty())) {
            return node.get(m.getProperty());
        }
        return node;
    }

    /**
     * Line and column of the key {@code name} at or just above {@code line}: a node remembers where its value starts,
     * which for a mapping is the line after its key, and an unknown key is best shown at the key itself.
     */
    private int[] keyAtOrBefore(String name, int line) {
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("^(\\s*(?:-\\s+)?)[\"']?"
                + java.util.regex.Pattern.quote(name) + "[\"']?\\s*:");
        for (int i = Math.min(line, lines.length) - 1; i >= 0 && i >= line - 3; i--) {
            java.util.regex.Matcher m = key.matcher(lines[i]);
            if (m.find()) {
                return new int[] {i + 1, m.group(1).length() + 1};
            }
        }
        return null;
    }

    private static int lineOf(JsonNode node) {
        JsonLocation loc = node == null ? null : JsonNodes.tokenLocationOf(node);
        return loc == null ? 0 : loc.getLineNr();
    }

    private static String hint(ValidationMessage m, String kind) {
        return switch (m.getType()) {
            case "additionalProperties" -> "'" + m.getProperty() + "' is not a key here: check its spelling against"
                    + " /rules-schema/" + kind + ".json";
            case "required" -> "add the key '" + m.getProperty() + "'";
            case "enum" -> "use one of the listed values";
            case "type" -> "write a value of the expected type (a list is written with '- ' items or [a, b])";
            case "minItems", "minLength" -> "write at least one value";
            default -> "see /rules-schema/" + kind + ".json and docs/rules.md";
        };
    }

    private static String hintZh(ValidationMessage m, String kind) {
        return switch (m.getType()) {
            case "additionalProperties" -> "此处不允许键“" + m.getProperty() + "”，请对照 /rules-schema/" + kind
                    + ".json 检查拼写";
            case "required" -> "缺少必填键“" + m.getProperty() + "”";
            case "enum" -> "请使用列出的取值之一";
            case "type" -> "取值类型不对（列表写成“- ”项或 [a, b]）";
            case "minItems", "minLength" -> "至少填写一个值";
            default -> "参见 /rules-schema/" + kind + ".json 与 docs/rules.md";
        };
    }

    private static JsonSchema schema(String kind) {
        String resource = "rules-schema/" + kind.toLowerCase(Locale.ROOT) + ".schema.json";
        try (InputStream in = YamlRuleDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + resource + " on the class path");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
