package org.aftersaleshub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process as the kernel accounts it: {@code utime + stime} (fields 14 and 15) of
 * {@code /proc/<pid>/stat}, in clock ticks of {@code getconf CLK_TCK} (100 when that cannot be run). The hub's
 * threads of every kind count: request threads, consumers, the relay, GC and JIT compiler threads.
 */
final class ProcessCpu {

    static final long TICKS_PER_SECOND = clockTicks();

    private ProcessCpu() {
    }

    /** The process's CPU time so far in nanoseconds (resolution one clock tick); -1 when it has ended. */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after "(comm)", which may itself contain spaces: state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** This JVM's CPU time in nanoseconds. */
    static long ownNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String source() {
        return "utime + stime of /proc/<pid>/stat at " + TICKS_PER_SECOND + " clock ticks/s (getconf CLK_TCK)";
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(out);
            }
        } catch (IOException | RuntimeException e) {
            // no getconf: the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
