package org.leadhandoff.perf;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Median and spread (min–max) over the runs of one figure, formatted for the report. */
final class Figures {

    private Figures() {
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    }

    /** "median (min–max)". */
    static String spread(List<Double> values) {
        return num(median(values)) + " (" + num(min(values)) + "–" + num(max(values)) + ")";
    }

    static String spread(List<Double> values, DoubleUnaryOperator scale) {
        return spread(values.stream().map(scale::applyAsDouble).toList());
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.3f×", v);
    }

    static String yes(boolean met) {
        return met ? "**met**" : "**missed**";
    }

    /** As {@link #yes(boolean)}, or "not run" when the figure was not measured (a run of some parts). */
    static String yes(boolean met, double... figures) {
        for (double f : figures) {
            if (Double.isNaN(f)) {
                return "not run";
            }
        }
        return yes(met);
    }
}
