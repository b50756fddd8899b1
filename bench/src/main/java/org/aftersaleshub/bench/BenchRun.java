package org.aftersaleshub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every benchmark run shares: its options, the repository and the packaged hub jar, a fresh run directory, the
 * machine and its load average before the run, the exact command, the hub's JVM options (with JFR when asked), and
 * where the report goes.
 */
final class BenchRun {

    /** Options every benchmark takes, after its own. */
    static final String COMMON_OPTIONS = "--hub-jvm-args \"...\" --hub-args \"--key=value ...\" --jfr true|false "
            + "--work-dir DIR --hub-jar FILE --routes-dir DIR --results-dir DIR";

    final Class<?> main;
    final String[] argv;
    final Path repo;
    final Path module;
    final Path jar;
    /** The routes the hub loads: those of the checkout the jar was built in (a jar from another commit, A/B). */
    final Path routes;
    final Path runDir;
    final Map<String, String> machine;
    final String loadBefore;
    private final Map<String, String> args;

    private BenchRun(Class<?> main, String[] argv, Map<String, String> args, String workName) throws IOException,
            InterruptedException {
        this.main = main;
        this.argv = argv.clone();
        this.args = args;
        repo = Path.of(System.getProperty("bench.repoDir", ".")).toAbsolutePath().normalize();
        module = Path.of(System.getProperty("bench.moduleDir", repo.resolve("bench").toString()));
        jar = Path.of(args.getOrDefault("hub-jar", System.getProperty("bench.hubJar",
                repo.resolve("hub/target/hub-0.1.0-SNAPSHOT.jar").toString())));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no hub jar at " + jar + "; build it: ./mvnw -q -Pbench -pl hub,bench -am "
                    + "install -DskipTests");
        }
        Path jarRepo = jar.toAbsolutePath().normalize().getParent().getParent().getParent();
        routes = Path.of(args.getOrDefault("routes-dir", Files.isDirectory(jarRepo.resolve("routes"))
                ? jarRepo.resolve("routes").toString() : repo.resolve("routes").toString()));
        Path work = Path.of(args.getOrDefault("work-dir", module.resolve("target/" + workName).toString()))
                .toAbsolutePath().normalize();
        runDir = work.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now()));
        Files.createDirectories(runDir);
        machine = machineInfo();
        loadBefore = loadAverage();
    }

    /**
     * @param options this benchmark's own options as shown to the user ({@code --name value ...}); together with
     *                {@link #COMMON_OPTIONS} they are the only names accepted, so a mistyped option fails at once
     * @param workName the folder under {@code bench/target} for the run directories
     */
    static BenchRun start(Class<?> main, String[] argv, String options, String workName) throws IOException,
            InterruptedException {
        return new BenchRun(main, argv, parse(argv, options + " " + COMMON_OPTIONS), workName);
    }

    String opt(String name, String dflt) {
        return args.getOrDefault(name, dflt);
    }

    int intOpt(String name, int dflt) {
        return Integer.parseInt(opt(name, Integer.toString(dflt)).trim());
    }

    Duration secondsOpt(String name, long dflt) {
        return Duration.ofSeconds(Long.parseLong(opt(name, Long.toString(dflt)).trim()));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(opt(name, "false").trim());
    }

    boolean jfr() {
        return flag("jfr");
    }

    /** Where the hub's recording goes with {@code --jfr true}; written when the hub exits. */
    Path jfrFile() {
        return runDir.resolve("hub.jfr");
    }

    /**
     * The hub's JVM options: {@code --hub-jvm-args}, and with {@code --jfr true} a profile recording dumped to
     * {@link #jfrFile()} when the hub exits, with stacks deep enough for the Spring web stack (the default 64 frames
     * would cut the request threads' stacks and hide their callers).
     */
    List<String> hubJvmArgs() {
        List<String> jvm = new ArrayList<>(split(opt("hub-jvm-args", "")));
        if (jfr()) {
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrFile());
            jvm.add("-XX:FlightRecorderOptions=stackdepth=512");
        }
        return jvm;
    }

    /** {@code --hub-args}: more {@code --key=value} arguments for the hub (must not repeat one the bench sets). */
    List<String> hubArgs() {
        return split(opt("hub-args", ""));
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    /** The command that reproduces this run, from the repository root. */
    String command() {
        String mainClass = main == IntakeBench.class ? "" : "-Dexec.mainClass=" + main.getName() + " ";
        String shown = Arrays.stream(argv).map(a -> a.matches(".*\\s.*") ? "'" + a + "'" : a)
                .collect(Collectors.joining(" "));
        return "./mvnw -q -Pbench -pl hub,bench -am install -DskipTests && ./mvnw -q -Pbench -pl bench exec:java "
                + mainClass + "-Dexec.args=\"" + shown + "\"";
    }

    /** Title, command, machine and the load average before / after: the head every report starts with. */
    void appendHead(StringBuilder md, String title, String loadAfter) {
        md.append("# ").append(title).append(' ').append(LocalDate.now()).append("\n\n");
        md.append("Command: `").append(command()).append("`\n\n");
        md.append("## Machine\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- load average (/proc/loadavg) before / after: ").append(loadBefore).append(" / ")
                .append(loadAfter).append('\n');
    }

    /**
     * Writes the report to {@code bench/results/<prefix>-<date>.md} (or {@code --results-dir}, e.g. a trial run on a
     * loaded machine that must not replace the committed report of the day) and prints it.
     */
    Path writeReport(String prefix, String report) throws IOException {
        Path results = Path.of(opt("results-dir", module.resolve("results").toString()));
        Files.createDirectories(results);
        Path out = results.resolve(prefix + "-" + LocalDate.now() + ".md");
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("written to " + out + "; the hub's log is " + runDir.resolve("hub.log"));
        return out;
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    static Map<String, String> machineInfo() throws IOException, InterruptedException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        m.put("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                m.put("memory", String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0));
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                break;
            }
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        m.put("java -version", version.replace("\n", "; "));
        m.put("CPU time source", ProcessCpu.source());
        return m;
    }

    /**
     * {@code --name value} or {@code --name=value} pairs; a name not in {@code options} (the usage text, whose
     * {@code --names} are the accepted ones) fails with the usage text.
     */
    static Map<String, String> parse(String[] argv, String options) {
        Set<String> known = new LinkedHashSet<>();
        Matcher names = Pattern.compile("--([a-z][a-z-]*)").matcher(options);
        while (names.find()) {
            known.add(names.group(1));
        }
        Map<String, String> m = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(Arrays.asList(argv));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'; options are " + options);
            }
            String name = a.substring(2);
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else {
                value = i + 1 < rest.size() ? rest.get(++i) : "";
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options are " + options);
            }
            m.put(name, value);
        }
        return m;
    }
}
