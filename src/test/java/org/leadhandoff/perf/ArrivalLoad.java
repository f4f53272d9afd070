package org.leadhandoff.perf;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-model load: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * earlier ones, and its latency runs from that intended send time to its answer, so a slow
 * server cannot hide its queue (no coordinated omission). Requests wait for a free sender in an
 * unbounded queue; the wait counts.
 */
final class ArrivalLoad {

    /** {@code -Dperf.options=slowLogMillis=50}: logs each request at least this slow, to match with GC or jobs. */
    static final long SLOW_LOG_MILLIS = Long.getLong("perf.slowLogMillis", 0);

    /** What one run of the load measured. */
    record Result(String label, double rate, int seconds, long sent, long failed, Histogram intakeMicros,
            Map<String, Long> intendedWallMillis, long startWallMillis, long lastAnswerWallMillis) {

        double sentPerSecond() {
            return sent / (double) seconds;
        }
    }

    /** One lead sent by the load; returns the new lead's id. */
    interface Send {
        String send() throws Exception;
    }

    static Result run(String label, double rate, int seconds, int senders, Send send) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        Histogram intake = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        Map<String, Long> intended = new ConcurrentHashMap<>();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long total = Math.round(rate * seconds);
        long startNanos = System.nanoTime() + 50_000_000;
        long startWall = System.currentTimeMillis() + 50;
        long intervalNanos = Math.round(1e9 / rate);
        for (long i = 0; i < total; i++) {
            long due = startNanos + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long dueWall = startWall + (i * intervalNanos) / 1_000_000;
            pool.execute(() -> {
                try {
                    String lead = send.send();
                    long done = System.nanoTime();
                    synchronized (intake) {
                        intake.recordValue(Math.max(0, (done - due) / 1000));
                    }
                    if (SLOW_LOG_MILLIS > 0 && (done - due) / 1_000_000 >= SLOW_LOG_MILLIS) {
                        System.out.println("[perf] slow " + label + ": due " + java.time.Instant.ofEpochMilli(dueWall)
                                + ", answered after " + (done - due) / 1_000_000 + " ms");
                    }
                    intended.put(lead, dueWall);
                    lastAnswer.accumulateAndGet(System.currentTimeMillis(), Math::max);
                } catch (Exception e) {
                    if (failed.incrementAndGet() <= 3) {
                        System.out.println("[perf] " + label + ": " + e);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        return new Result(label, rate, seconds, total, failed.get(), intake, intended, startWall, lastAnswer.get());
    }

    static double p(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double max(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    static List<Double> millis(List<Histogram> hs, double percentile) {
        return hs.stream().map(h -> percentile >= 100 ? max(h) : p(h, percentile)).toList();
    }
}
