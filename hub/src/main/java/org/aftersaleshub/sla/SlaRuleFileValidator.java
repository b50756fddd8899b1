package org.aftersaleshub.sla;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;
import org.aftersaleshub.rules.RuleFileValidator;
import org.aftersaleshub.rules.RuleProblem;
import org.springframework.stereotype.Component;

/**
 * Puts {@code sla.yaml} and {@code calendars/*.yaml} under the shared rule check ({@code validate}, the validate
 * endpoint, the start-up check). The SLA files are read together — a policy names a calendar of another file — so
 * each file's check reads its rules folder as a whole with {@link SlaRuleFiles} and keeps the problems located in
 * that file.
 *
 * <p>The folder is parsed and checked once for as long as its SLA files do not change: the checks of sla.yaml and of
 * each calendar file share one reading, and {@link SlaRulesSource} takes the rules of the start-up check from here
 * ({@link #read}) instead of reading them a second time. Whether the files changed is told by their bytes (a
 * digest), not their modification times, which a quick rewrite of the same size may leave equal.
 */
@Component
class SlaRuleFileValidator implements RuleFileValidator {

    /** The last reading: the folder, the digest of its SLA files' paths and bytes, what was read. */
    private record Reading(Path dir, String digest, SlaRuleFiles.Result result) {
    }

    private volatile Reading last;

    @Override
    public boolean handles(Path relative) {
        String name = relative.toString().replace('\\', '/');
        return name.equals(SlaRuleFiles.SLA_FILE) || (name.startsWith(SlaRuleFiles.CALENDARS_DIR + "/")
                && (name.endsWith(".yaml") || name.endsWith(".yml")));
    }

    @Override
    public List<RuleProblem> validate(Path file, String text) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Path rulesDir = parent.getFileName() != null && parent.getFileName().toString()
                .equals(SlaRuleFiles.CALENDARS_DIR) ? parent.getParent() : parent;
        return read(rulesDir).problems().stream()
                .filter(p -> Path.of(p.file()).toAbsolutePath().normalize().equals(absolute))
                .map(p -> RuleProblem.error(file.toString(), p.line(), p.column(), p.message() + " [" + p.rule() + "]",
                        p.hint(), p.hintZh()))
                .toList();
    }

    /** The SLA rules and problems of {@code rulesDir}: the last reading while the files are unchanged. */
    SlaRuleFiles.Result read(Path rulesDir) {
        Path dir = rulesDir.toAbsolutePath().normalize();
        String digest = digest(dir);
        Reading r = last;
        if (r != null && digest != null && r.dir().equals(dir) && r.digest().equals(digest)) {
            return r.result();
        }
        SlaRuleFiles.Result result = SlaRuleFiles.read(rulesDir);
        last = digest == null ? null : new Reading(dir, digest, result);
        return result;
    }

    /** SHA-256 over the SLA files' names and bytes; null when a file cannot be read (then nothing is kept). */
    private static String digest(Path dir) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : slaFiles(dir)) {
                md.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(f));
                md.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static List<Path> slaFiles(Path dir) throws IOException {
        Path sla = dir.resolve(SlaRuleFiles.SLA_FILE);
        Path calendars = dir.resolve(SlaRuleFiles.CALENDARS_DIR);
        List<Path> files = new java.util.ArrayList<>();
        if (Files.isRegularFile(sla)) {
            files.add(sla);
        }
        if (Files.isDirectory(calendars)) {
            try (Stream<Path> s = Files.list(calendars)) {
                s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }
}
