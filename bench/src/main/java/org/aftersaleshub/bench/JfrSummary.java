package org.aftersaleshub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top frames of the hub's JFR recording ({@code --jfr true}), read with the JDK's own
 * {@link RecordingFile}: where the execution samples ({@code jdk.ExecutionSample}, threads running Java code) fell
 * by thread group, and, on Tomcat's request threads ({@code http-nio-*-exec-*}), the top leaf methods (the frame
 * running) and the top inclusive methods (anywhere on the stack, once per sample). Only samples from readiness to
 * the end of the load count, so the start-up does not.
 */
final class JfrSummary {

    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /** Tomcat's request threads ({@code http-nio-<port>-exec-<n>}); its acceptor and poller are not. */
    static final String REQUEST_THREADS = "http-nio-N-exec-N";
    static final int TOP = 15;
    /** A frame on at least this share of the request-thread samples is the threads' own run loop, not a finding. */
    static final double RUN_LOOP_SHARE = 0.99;

    private final Map<String, Long> byGroup = new HashMap<>();
    private final Map<String, Long> leaf = new HashMap<>();
    private final Map<String, Long> inclusive = new HashMap<>();
    private long total;
    private long request;
    private long truncated;
    private long before;
    private long after;

    private JfrSummary() {
    }

    /**
     * @param from readiness: earlier samples are the start-up
     * @param to   the end of the load (drain included); later samples are the shutdown
     * @return a markdown section, or a line saying why there is none
     */
    static String markdown(Path recording, Instant from, Instant to) {
        if (!Files.isRegularFile(recording)) {
            return "No recording at `" + recording + "` (the hub did not exit cleanly, so JFR did not dump).\n";
        }
        JfrSummary s = new JfrSummary();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (EXECUTION_SAMPLE.equals(e.getEventType().getName())) {
                    s.add(e, from, to);
                }
            }
        } catch (IOException e) {
            return "The recording `" + recording + "` could not be read: " + e + "\n";
        }
        return s.render(recording, from, to);
    }

    private void add(RecordedEvent e, Instant from, Instant to) {
        if (e.getStartTime().isBefore(from)) {
            before++;
            return;
        }
        if (e.getStartTime().isAfter(to)) {
            after++;
            return;
        }
        total++;
        RecordedThread thread = e.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "(no Java name)" : thread.getJavaName();
        byGroup.merge(group(name), 1L, Long::sum);
        RecordedStackTrace stack = e.getStackTrace();
        if (!group(name).equals(REQUEST_THREADS) || stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        request++;
        if (stack.isTruncated()) {
            truncated++;
        }
        List<RecordedFrame> frames = stack.getFrames();
        leaf.merge(method(frames.get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
            if (seen.add(method(f))) {
                inclusive.merge(method(f), 1L, Long::sum);
            }
        }
    }

    /** The thread's name with every number replaced by N: "http-nio-8080-exec-12" → "http-nio-N-exec-N". */
    static String group(String threadName) {
        return threadName.replaceAll("\\d+", "N");
    }

    private static String method(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "(unknown)";
        }
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private String render(Path recording, Instant from, Instant to) {
        StringBuilder md = new StringBuilder();
        md.append("Recording `").append(recording).append("` (`-XX:StartFlightRecording=settings=profile`, stack ")
                .append("depth 512). `").append(EXECUTION_SAMPLE).append("` events from readiness (")
                .append(from).append(") to the end of the load, drain included (").append(to).append("): ")
                .append(total).append(" samples; ").append(before).append(" start-up samples before and ").append(after)
                .append(" shutdown samples after were left out. A sample is a thread found running Java code; ")
                .append("threads waiting (locks, I/O, idle pools) are not sampled, native code is not in these ")
                .append("events.\n\n");
        md.append("**By thread group** (thread names with numbers replaced by N):\n\n");
        md.append("| thread group | samples | share |\n|---|---:|---:|\n");
        top(byGroup, TOP, name -> true).forEach(en -> md.append("| `").append(en.getKey()).append("` | ")
                .append(en.getValue()).append(" | ").append(Md.pct(en.getValue(), total)).append(" |\n"));
        long shown = top(byGroup, TOP, name -> true).stream().mapToLong(Map.Entry::getValue).sum();
        if (shown < total) {
            md.append("| (").append(byGroup.size() - TOP).append(" other groups) | ").append(total - shown)
                    .append(" | ").append(Md.pct(total - shown, total)).append(" |\n");
        }
        md.append("\n**Request threads (`").append(REQUEST_THREADS).append("`)**: ").append(request)
                .append(" samples (").append(Md.pct(request, total)).append(" of all)");
        if (truncated > 0) {
            md.append("; ").append(truncated).append(" stacks deeper than 512 frames, cut at the bottom");
        }
        md.append(". Shares below are of the request-thread samples.\n\n");
        md.append("Top ").append(TOP).append(" leaf methods (the frame on top of the stack, self time):\n\n");
        methods(md, top(leaf, TOP, name -> true));
        long runLoop = inclusive.values().stream().filter(n -> n >= RUN_LOOP_SHARE * request).count();
        md.append("\nTop ").append(TOP).append(" inclusive methods (on the stack anywhere, counted once per sample; ")
                .append("the ").append(runLoop).append(" frames on ≥ ").append(Math.round(RUN_LOOP_SHARE * 100))
                .append(" % of the samples — the threads' run loop and the outer filters — left out):\n\n");
        methods(md, top(inclusive, TOP, name -> inclusive.get(name) < RUN_LOOP_SHARE * request));
        md.append("\nTop ").append(TOP).append(" inclusive methods of the hub's own code (`org.aftersaleshub.*`):\n\n");
        methods(md, top(inclusive, TOP, name -> name.startsWith("org.aftersaleshub.")));
        return md.toString();
    }

    private void methods(StringBuilder md, List<Map.Entry<String, Long>> rows) {
        md.append("| method | samples | share |\n|---|---:|---:|\n");
        rows.forEach(en -> md.append("| `").append(en.getKey()).append("` | ").append(en.getValue()).append(" | ")
                .append(Md.pct(en.getValue(), request)).append(" |\n"));
    }

    private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n, Predicate<String> keep) {
        return counts.entrySet().stream().filter(en -> keep.test(en.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n).toList();
    }
}
