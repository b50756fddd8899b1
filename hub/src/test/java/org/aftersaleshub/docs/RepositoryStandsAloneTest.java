package org.aftersaleshub.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: code, docs and tests explain the vendor APIs they rely on with the notes in
 * {@code docs/vendor-apis/}, never with documents kept beside the repository. A plain file walk over the repository
 * (from the hub module's parent, skipping {@code target}, {@code .git}, {@code data} and {@code node_modules}):
 * <ul>
 *   <li>no text file names the former out-of-tree API notes;</li>
 *   <li>every section sign is preceded, on its line, by the path of a Markdown file in the repository (relative to
 *       the citing file or to the repository root) — inside {@code docs/vendor-apis/} a bare section sign means the
 *       file itself;</li>
 *   <li>a cited section number (e.g. 4.2) is the number of a heading of that file ({@code ### 4.2 ...}).</li>
 * </ul>
 * The section sign and the old names are built from parts below so that this file does not trip its own rules.
 */
class RepositoryStandsAloneTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "data", "node_modules");
    private static final String SECTION_SIGN = "\u00a7";
    /** The API notes that used to live outside the repository. */
    private static final List<String> OUTSIDE_NOTES = List.of("shared/" + "specs", "erp-apis" + ".md",
            "im-crm-apis" + ".md");
    private static final Path VENDOR_NOTES = ROOT.resolve("docs").resolve("vendor-apis");
    private static final Pattern MARKDOWN_PATH = Pattern.compile("[A-Za-z0-9_./-]*[A-Za-z0-9_-]\\.md(?![A-Za-z0-9])");
    private static final Pattern SECTION_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)*");
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");
    private static final long LARGEST_TEXT_FILE = 2L * 1024 * 1024;

    private final Map<Path, Set<String>> headingsByFile = new HashMap<>();

    @Test
    void everyApiCitationPointsIntoTheRepositoryAtAHeadingThatExists() throws IOException {
        assertThat(ROOT.resolve("pom.xml")).as("the walk starts at the repository root").isRegularFile();
        assertThat(VENDOR_NOTES.resolve("README.md")).as("the vendor API notes are in the repository").isRegularFile();

        Map<Path, String> textFiles = textFiles();
        assertThat(textFiles).as("text files walked").hasSizeGreaterThan(100);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, String> file : textFiles.entrySet()) {
            List<String> lines = file.getValue().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                check(file.getKey(), i + 1, lines.get(i), problems);
            }
        }
        assertThat(problems).as("citations that do not stand alone (file:line: problem)").isEmpty();
    }

    private void check(Path file, int lineNumber, String line, List<String> problems) throws IOException {
        String where = ROOT.relativize(file) + ":" + lineNumber + ": ";
        for (String outside : OUTSIDE_NOTES) {
            if (line.contains(outside)) {
                problems.add(where + "names '" + outside + "', notes outside the repository; cite docs/vendor-apis/");
            }
        }
        for (int at = line.indexOf(SECTION_SIGN); at >= 0; at = line.indexOf(SECTION_SIGN, at + 1)) {
            Optional<Path> cited = citedFile(file, line.substring(0, at), where, problems);
            if (cited.isEmpty()) {
                continue;
            }
            Matcher number = SECTION_NUMBER.matcher(line).region(at + 1, line.length());
            if (number.lookingAt() && !headings(cited.get()).contains(number.group())) {
                problems.add(where + "cites section " + number.group() + " of " + ROOT.relativize(cited.get())
                        + ", which has no heading with that number");
            }
        }
    }

    /** The Markdown file the section sign belongs to: the nearest path before it on the line. */
    private Optional<Path> citedFile(Path file, String before, String where, List<String> problems) {
        String last = null;
        Matcher m = MARKDOWN_PATH.matcher(before);
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            if (file.startsWith(VENDOR_NOTES)) {
                return Optional.of(file);
            }
            problems.add(where + "section sign without a Markdown file before it on the line; name the file, e.g. "
                    + "docs/vendor-apis/<system>.md");
            return Optional.empty();
        }
        for (Path base : List.of(file.getParent(), ROOT)) {
            Path candidate = base.resolve(last).normalize();
            if (candidate.startsWith(ROOT) && Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        problems.add(where + "cites " + last + ", which is not a file in the repository");
        return Optional.empty();
    }

    /** Section numbers of a Markdown file's headings, outside fenced code blocks. */
    private Set<String> headings(Path markdown) throws IOException {
        Set<String> known = headingsByFile.get(markdown);
        if (known == null) {
            known = new HashSet<>();
            boolean fenced = false;
            for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
                if (line.stripLeading().startsWith("```")) {
                    fenced = !fenced;
                    continue;
                }
                Matcher heading = NUMBERED_HEADING.matcher(line);
                if (!fenced && heading.find()) {
                    known.add(heading.group(1));
                }
            }
            headingsByFile.put(markdown, known);
        }
        return known;
    }

    /** Every text file of the repository with its content, in walk order. */
    private static Map<Path, String> textFiles() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(ROOT) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && attrs.size() <= LARGEST_TEXT_FILE) {
                    readText(file).ifPresent(text -> files.put(file, text));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /** The file as UTF-8 text, or empty when it is binary (a NUL byte) or not UTF-8. */
    private static Optional<String> readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
