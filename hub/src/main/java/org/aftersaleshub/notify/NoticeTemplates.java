package org.aftersaleshub.notify;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The staff-facing message templates (Mustache, mustache.java). Each template is named
 * {@code <kind>.<channel>.<md|json>.mustache} (e.g. {@code ticket-assigned.dingtalk.md.mustache}); the hub ships one
 * for every kind and channel it sends, and a file of the same name in {@code hub.notify.templates-dir} replaces it.
 *
 * <p>Every template is compiled and rendered with sample values at start, like the routes: a template that does not
 * compile, uses a partial or other delimiters, names a value its kind does not have (with a "did you mean"),
 * renders a card that is not JSON, or a file in the folder that replaces no shipped template, stops the start with
 * file, line and a hint.
 *
 * <p>Values are written as they are into Markdown templates, and as JSON string content into {@code .json}
 * templates, so a customer name with a quote cannot break a card.
 */
@Component
public class NoticeTemplates {

    private static final Logger log = LoggerFactory.getLogger(NoticeTemplates.class);
    private static final String SHIPPED = "notify/templates/";
    private static final String SUFFIX = ".mustache";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A partial ({{> name}}) or a delimiter change ({{=<% %>=}}): neither is offered. */
    private static final Pattern INCLUDE = Pattern.compile("\\{\\{\\s*[>=][^}]*}}");

    /** How a template's values are written. */
    enum Format { MD, JSON }

    /** A template ready to render. */
    record Template(String name, Format format, Mustache mustache, String origin) {
    }

    /** A template that stops the start. */
    public record Problem(String file, int line, String message, String hint) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message + " — " + hint;
        }
    }

    /** Thrown at start with every problem found. */
    public static final class InvalidTemplates extends IllegalStateException {
        private final List<Problem> problems;

        InvalidTemplates(List<Problem> problems) {
            super("Invalid message templates (消息模板错误):\n  " + String.join("\n  ",
                    problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private final Map<String, Template> templates = new LinkedHashMap<>();

    @Autowired
    public NoticeTemplates(NotifyProperties props) {
        this(Path.of(props.templatesDir()));
    }

    /**
     * The problems of the template files in {@code overrides} as the start would find them (the {@code validate}
     * command checks them without starting the hub); empty when they load.
     */
    public static List<Problem> check(Path overrides) {
        try {
            new NoticeTemplates(overrides);
            return List.of();
        } catch (InvalidTemplates e) {
            return e.problems();
        }
    }

    NoticeTemplates(Path overrides) {
        List<Problem> problems = new ArrayList<>();
        for (String name : NoticeKind.templateNames()) {
            Path file = overrides.resolve(name);
            boolean replaced = Files.isRegularFile(file);
            String text = replaced ? read(file) : shipped(name);
            String origin = replaced ? file.toString() : "classpath:" + SHIPPED + name;
            Template t = compile(name, text, origin, problems);
            if (t != null) {
                templates.put(name, t);
                if (replaced) {
                    log.info("Message template {} replaced by {}", name, file);
                }
            }
        }
        unknownFiles(overrides, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTemplates(problems);
        }
    }

    /**
     * Renders a template with the given values.
     *
     * @param kind    what happened
     * @param channel dingtalk, wecom, dingtalk-card or wecom-card
     * @throws IllegalArgumentException when the hub ships no such template (a route naming a kind for a channel it
     *                                  has no template for)
     */
    public String render(NoticeKind kind, String channel, Map<String, Object> values) {
        Template t = templates.get(kind.templateName(channel));
        if (t == null) {
            throw new IllegalArgumentException("no message template " + kind.templateName(channel) + "; templates "
                    + "of " + kind.id() + ": " + kind.channels());
        }
        StringWriter out = new StringWriter();
        t.mustache().execute(out, values);
        return out.toString();
    }

    /** Where each template comes from (shipped, or the file replacing it), by name; for the docs and operators. */
    public Map<String, String> origins() {
        Map<String, String> out = new LinkedHashMap<>();
        templates.forEach((n, t) -> out.put(n, t.origin()));
        return out;
    }

    private static Template compile(String name, String text, String origin, List<Problem> problems) {
        Format format = name.endsWith(".json" + SUFFIX) ? Format.JSON : Format.MD;
        Matcher include = INCLUDE.matcher(text);
        if (include.find()) {
            // refused before compiling: mustache.java would look the partial up on the class path and the disk
            problems.add(new Problem(origin, lineAt(text, include.start()), "uses " + include.group().trim()
                    + (include.group().contains(">") ? " (a partial)" : " (new delimiters)"), "write the text into "
                    + "the template itself: a template is one file, with {{ }} as its only delimiters"));
            return null;
        }
        Mustache m;
        try {
            m = factory(format).compile(new StringReader(text), name);
        } catch (MustacheException e) {
            int line = e.getContext() == null ? 0 : e.getContext().line();
            problems.add(new Problem(origin, line, "does not compile: " + firstLine(e.getMessage()),
                    "check that every {{#section}} is closed by {{/section}} with the same name"));
            return null;
        }
        NoticeKind kind = NoticeKind.ofTemplate(name);
        Map<String, Object> sample = NoticeFacts.sample(kind);
        int before = problems.size();
        checkNames(m.getCodes(), names(sample), text, origin, problems);
        if (problems.size() > before) {
            return null;
        }
        Template t = new Template(name, format, m, origin);
        if (format == Format.JSON) {
            StringWriter out = new StringWriter();
            m.execute(out, sample);
            try {
                JsonNode card = JSON.readTree(out.toString());
                if (card == null || !card.isObject()) {
                    throw new IOException("not a JSON object");
                }
            } catch (IOException e) {
                problems.add(new Problem(origin, 0, "renders no JSON object with sample values: "
                        + firstLine(e.getMessage()), "a card template is one JSON object; put every {{value}} "
                        + "inside a JSON string (\"title\": \"{{ticketNumber}}\")"));
                return null;
            }
        }
        return t;
    }

    /** The names a template may use: the values, and the fields of a list's items (a digest's {{#items}}). */
    private static Set<String> names(Map<String, Object> sample) {
        Set<String> out = new java.util.HashSet<>(sample.keySet());
        sample.values().stream().filter(v -> v instanceof List<?>).flatMap(v -> ((List<?>) v).stream())
                .filter(i -> i instanceof Map<?, ?>).forEach(i -> ((Map<?, ?>) i).keySet()
                        .forEach(k -> out.add(String.valueOf(k))));
        return out;
    }

    /** Every tag must name a value of its kind; partials are not offered (a template is one file). */
    private static void checkNames(Code[] codes, Set<String> known, String text, String origin,
                                   List<Problem> problems) {
        if (codes == null) {
            return;
        }
        for (Code c : codes) {
            String name = c.getName();
            if (name != null && !name.isEmpty() && !name.equals(".")) {
                String head = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if (!known.contains(head)) {
                    String near = known.stream().min(Comparator.comparingInt(k -> distance(k, head)))
                            .filter(k -> distance(k, head) <= 3).map(k -> "did you mean {{" + k + "}}? ")
                            .orElse("");
                    problems.add(new Problem(origin, lineOf(text, head), "names {{" + name + "}}, which this "
                            + "message does not have", near + "values: " + known.stream().sorted().toList()));
                }
            }
            checkNames(c.getCodes(), known, text, origin, problems);
        }
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
    }

    /** The first line holding a tag with {@code name}, 0 when not found. */
    private static int lineOf(String text, String name) {
        Matcher m = Pattern.compile("\\{\\{\\{?\\s*[#^/&>]?\\s*" + Pattern.quote(name)).matcher(text);
        return m.find() ? lineAt(text, m.start()) : 0;
    }

    private static int lineAt(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1;
    }

    /** A file in the folder that replaces nothing is a typo: say so rather than silently ignore it. */
    private static void unknownFiles(Path dir, List<Problem> problems) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> names = NoticeKind.templateNames();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(SUFFIX) && !names.contains(n)) {
                    String near = names.stream().min(Comparator.comparingInt(k -> distance(k, n)))
                            .filter(k -> distance(k, n) <= 4).map(k -> "did you mean " + k + "? ").orElse("");
                    problems.add(new Problem(f.toString(), 0, "replaces no shipped template", near
                            + "a template replaces the shipped one of the same name: <kind>.<channel>.<md|json>"
                            + SUFFIX + "; names: docs/notifications.md, \"Templates\""));
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), 0, "cannot be read: " + e.getMessage(),
                    "check the folder's permissions or hub.notify.templates-dir"));
        }
    }

    private static DefaultMustacheFactory factory(Format format) {
        return new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    if (format == Format.JSON) {
                        writer.write(JsonStringEncoder.getInstance().quoteAsString(value));
                    } else {
                        writer.write(value);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static String shipped(String name) {
        try (InputStream in = NoticeTemplates.class.getClassLoader().getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                throw new IllegalStateException("the hub ships no template " + name + " (a build error)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message template " + file, e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
