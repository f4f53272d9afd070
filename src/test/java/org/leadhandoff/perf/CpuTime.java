package org.leadhandoff.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the PostgreSQL server's processes on this machine, for
 * CPU per handoff: a figure a shared, noisy machine disturbs far less than a rate. PostgreSQL's
 * processes are found by name in {@code /proc}; a backend that has exited is still counted, in its
 * parent's children's time. A server on another machine counts as unknown (NaN).
 */
record CpuTime(long jvmNanos, long postgresNanos) {

    private static final long TICK_NANOS = 1_000_000_000L / ticksPerSecond();

    static CpuTime now() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new CpuTime(jvm, postgresTicks() * TICK_NANOS);
    }

    /** Milliseconds per unit of work since {@code before}: {JVM, PostgreSQL}. */
    double[] millisPer(CpuTime before, double units) {
        double jvm = jvmNanos < 0 ? Double.NaN : (jvmNanos - before.jvmNanos) / 1e6 / units;
        double pg = postgresNanos <= 0 ? Double.NaN : (postgresNanos - before.postgresNanos) / 1e6 / units;
        return new double[] {jvm, pg};
    }

    private static long postgresTicks() {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (!Files.readString(proc.resolve("comm")).trim().equals("postgres")) {
                        continue;
                    }
                    String stat = Files.readString(proc.resolve("stat"));
                    // after "pid (comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException noProc) {
            return 0;
        }
        return ticks;
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
