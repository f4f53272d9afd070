package org.leadhandoff.dashboard;

import java.util.Map;
import java.util.TreeMap;

/**
 * Minutes to accept as a mergeable histogram: buckets of one second below a minute, then 2 % wide,
 * each with its count and its smallest and largest value. A percentile read from it lies in the
 * same bucket as the exact one, so it is off by less than a second below a minute and less than 2 %
 * above; it is exact when the buckets it reads hold at most two values.
 */
final class MinutesHistogram {

    private static final double GROWTH = Math.log(1.02);

    /** One bucket: how many values, and the smallest and largest. */
    record Bucket(long n, double min, double max) {
        Bucket merge(Bucket other) {
            return new Bucket(n + other.n, Math.min(min, other.min), Math.max(max, other.max));
        }
    }

    private final TreeMap<Integer, Bucket> buckets = new TreeMap<>();
    private long count;

    static int bucket(double minutes) {
        double seconds = Math.max(0, minutes * 60);
        if (seconds < 60) {
            return (int) Math.floor(seconds);
        }
        return 60 + (int) Math.floor(Math.log(seconds / 60) / GROWTH);
    }

    void add(double minutes) {
        add(bucket(minutes), new Bucket(1, minutes, minutes));
    }

    void add(int bucket, Bucket b) {
        buckets.merge(bucket, b, Bucket::merge);
        count += b.n();
    }

    void addAll(MinutesHistogram other) {
        other.buckets.forEach(this::add);
    }

    Map<Integer, Bucket> buckets() {
        return buckets;
    }

    long count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Like SQL's {@code percentile_cont}: interpolated between the two values around the rank. */
    Double percentile(double fraction) {
        if (count == 0) {
            return null;
        }
        double position = fraction * (count - 1);
        long k = (long) Math.floor(position);
        double low = value(k);
        double frac = position - k;
        return frac == 0 ? low : low + frac * (value(k + 1) - low);
    }

    /** The k-th smallest value (from 0), spread evenly between its bucket's smallest and largest. */
    private double value(long k) {
        long seen = 0;
        for (Bucket b : buckets.values()) {
            if (k < seen + b.n()) {
                long i = k - seen;
                return b.n() == 1 ? b.min() : b.min() + (b.max() - b.min()) * i / (b.n() - 1);
            }
            seen += b.n();
        }
        throw new IllegalStateException("rank " + k + " beyond " + count);
    }
}
