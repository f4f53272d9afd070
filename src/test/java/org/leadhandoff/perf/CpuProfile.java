package org.leadhandoff.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where this JVM's CPU goes, from Java Flight Recorder's execution samples (a Java thread caught
 * running Java code every 10 ms): each sample is charged to the code that was running, which is
 * the innermost frame outside the JDK (a {@code HashMap.get} called by MyBatis is MyBatis's time),
 * and grouped by the kind of thread. GC and JIT threads are not sampled; the JVM's CPU figure
 * beside it includes them.
 */
final class CpuProfile implements AutoCloseable {

    /** Whose code a sample was running. */
    enum Owner {
        CAMUNDA("Camunda engine (commands, its MyBatis persistence, JUEL expressions, DMN)"),
        DRIVER("PostgreSQL JDBC driver and Hikari pool"),
        SPRING("Spring (transactions, JDBC templates, proxies, web)"),
        APP("Lead Handoff code (scoring, routing, round robin, SLA clocks, notifications, its SQL)"),
        HARNESS("this harness (load generator, polls)"),
        OTHER("other libraries (Jackson, Tomcat, logging, …)"),
        JDK("the JDK alone (no library frame on the stack)");

        final String label;

        Owner(String label) {
            this.label = label;
        }
    }

    /** Which kind of thread a sample was taken on. */
    enum Work {
        INTAKE("intake (lead, activity, score, process start)"),
        JOBS("job execution (routing, assignment, task, timers, notification)"),
        ACQUISITION("job acquisition"),
        REST("other threads (schedulers, web, pool)");

        final String label;

        Work(String label) {
            this.label = label;
        }
    }

    /** Samples per owner and kind of thread. */
    record Shares(Map<Work, Map<Owner, Long>> counts, long total) {

        long count(Work work, Owner owner) {
            return counts.getOrDefault(work, Map.of()).getOrDefault(owner, 0L);
        }

        long count(Owner owner) {
            return counts.values().stream().mapToLong(m -> m.getOrDefault(owner, 0L)).sum();
        }

        long count(Work work) {
            return counts.getOrDefault(work, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        }

        double share(Owner owner) {
            return total == 0 ? Double.NaN : count(owner) / (double) total;
        }
    }

    /** Names the closed loop gives its threads, so their samples count as intake. */
    static final String INTAKE_THREAD = "intake-";

    private final Recording recording = new Recording();
    private final Path file;

    private CpuProfile(Path file) {
        this.file = file;
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.setToDisk(true);
    }

    static CpuProfile start(Path file) {
        CpuProfile profile = new CpuProfile(file);
        profile.recording.start();
        return profile;
    }

    /** Stops the recording, keeps it in {@link #file} (for {@code jfr print}) and counts its samples. */
    Shares stop() throws IOException {
        recording.stop();
        Files.createDirectories(file.toAbsolutePath().getParent());
        recording.dump(file);
        return count(RecordingFile.readAllEvents(file));
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        recording.close();
    }

    static Shares count(List<RecordedEvent> events) {
        Map<Work, Map<Owner, Long>> counts = new EnumMap<>(Work.class);
        long total = 0;
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = e.getThread("sampledThread");
            RecordedStackTrace stack = e.getStackTrace();
            Owner owner = owner(stack == null ? List.of()
                    : stack.getFrames().stream().map(f -> typeName(f)).toList());
            counts.computeIfAbsent(work(thread == null ? null : thread.getJavaName()), w -> new EnumMap<>(Owner.class))
                    .merge(owner, 1L, Long::sum);
            total++;
        }
        return new Shares(counts, total);
    }

    private static String typeName(RecordedFrame frame) {
        return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
    }

    /** The owner of the innermost frame outside the JDK; frames are innermost first. */
    static Owner owner(List<String> classNames) {
        for (String name : classNames) {
            if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                    || name.startsWith("sun.") || name.startsWith("com.sun.") || name.isEmpty()) {
                continue;
            }
            if (name.startsWith("org.camunda.") || name.startsWith("org.apache.ibatis.")) {
                return Owner.CAMUNDA;
            }
            if (name.startsWith("org.postgresql.") || name.startsWith("com.zaxxer.")) {
                return Owner.DRIVER;
            }
            if (name.startsWith("org.springframework.")) {
                return Owner.SPRING;
            }
            if (name.startsWith(CpuProfile.class.getPackageName() + ".")) {
                return Owner.HARNESS;
            }
            if (name.startsWith("org.leadhandoff.")) {
                return Owner.APP;
            }
            return Owner.OTHER;
        }
        return Owner.JDK;
    }

    static Work work(String threadName) {
        if (threadName == null) {
            return Work.REST;
        }
        if (threadName.startsWith(INTAKE_THREAD)) {
            return Work.INTAKE;
        }
        if (threadName.startsWith("camundaTaskExecutor")) {
            return Work.JOBS;
        }
        if (threadName.startsWith("JobExecutor[")) {
            return Work.ACQUISITION;
        }
        return Work.REST;
    }

    /** The Markdown table: owners down, kinds of thread across, shares of all samples in per cent. */
    static String table(Shares shares, double jvmMillisPerHandoff) {
        StringBuilder s = new StringBuilder("| code running | ");
        for (Work w : Work.values()) {
            s.append(w.label).append(" | ");
        }
        s.append("all threads | ≈ ms of CPU per handoff |\n|---|");
        s.append("---|".repeat(Work.values().length + 2)).append('\n');
        Map<Owner, Long> byOwner = new LinkedHashMap<>();
        for (Owner o : Owner.values()) {
            byOwner.put(o, shares.count(o));
        }
        byOwner.entrySet().stream().sorted(Map.Entry.<Owner, Long>comparingByValue().reversed()).forEach(entry -> {
            Owner o = entry.getKey();
            s.append("| ").append(o.label).append(" | ");
            for (Work w : Work.values()) {
                s.append(percent(shares.count(w, o), shares.total())).append(" | ");
            }
            s.append("**").append(percent(entry.getValue(), shares.total())).append("** | ")
                    .append(Figures.num(jvmMillisPerHandoff * shares.share(o))).append(" |\n");
        });
        s.append("| **all** | ");
        for (Work w : Work.values()) {
            s.append("**").append(percent(shares.count(w), shares.total())).append("** | ");
        }
        s.append("**100 %** | ").append(Figures.num(jvmMillisPerHandoff)).append(" |\n");
        return s.toString();
    }

    private static String percent(long count, long total) {
        return total == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * count / total);
    }
}
