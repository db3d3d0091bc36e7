package dev.aiosim.kernel.engine.profiled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.DoubleStream;

/**
 * A measured time as a function of two keys whose points lie on lines: for each value of the
 * outer key (a prefill chunk size, a decode KV size) the profile measured a set of inner keys
 * (KV sizes, batch sizes) that may differ from line to line. Vidur's tables have this shape:
 * prefill chunks are measured at KV sizes that are multiples of the chunk, and large decode
 * batches only where their KV cache fits in memory.
 *
 * <p>Interpolation: each line is a {@link PiecewiseLinear} in the inner key; between two lines
 * the time is linear in the outer key. On a rectangular grid this is bilinear interpolation. Below
 * the first line the first line holds; above the last line the last line is scaled in proportion
 * to the outer key ({@code last(inner) x outer / lastOuter}: time grows with the chunk, or with the
 * KV read per call), which keeps the extension non-decreasing in both keys.
 *
 * <p>Cleaning, so that the time never falls as either key grows: each line is cleaned as a
 * {@link PiecewiseLinear}; then, from the second line up, each line is replaced by the pointwise
 * maximum of itself and the (cleaned) line below, taken at the union of both lines' inner keys,
 * with an extension slope at least that of the line below. Both lines are linear between
 * consecutive keys of the union, so the new line (the chord of their maximum) lies on or above
 * both everywhere, and linear interpolation between lines never falls as the outer key grows.
 * Where a line was measured it keeps its value unless the line below is higher there.
 */
public final class LineTable {
    private final double[] outer;
    private final PiecewiseLinear[] lines;
    /** Each line's measured inner keys, first and last, before cleaning widened them. */
    private final double[] firstInner;
    private final double[] lastInner;

    private LineTable(double[] outer, PiecewiseLinear[] lines, double[] firstInner, double[] lastInner) {
        this.outer = outer;
        this.lines = lines;
        this.firstInner = firstInner;
        this.lastInner = lastInner;
    }

    /** Collects the points of a table, in any order. */
    public static final class Builder {
        private final TreeMap<Double, List<double[]>> points = new TreeMap<>();

        /** One measured point; repeats of the same (outer, inner) are averaged. */
        public Builder add(double outerKey, double innerKey, double value) {
            points.computeIfAbsent(outerKey, k -> new ArrayList<>()).add(new double[] {innerKey, value});
            return this;
        }

        public boolean isEmpty() {
            return points.isEmpty();
        }

        /** The cleaned table; at least one point must have been added. */
        public LineTable build() {
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one point");
            }
            double[] outer = new double[points.size()];
            PiecewiseLinear[] lines = new PiecewiseLinear[points.size()];
            double[] firstInner = new double[points.size()];
            double[] lastInner = new double[points.size()];
            int i = 0;
            for (var e : points.entrySet()) {
                List<double[]> p = e.getValue();
                double[] k = new double[p.size()];
                double[] v = new double[p.size()];
                for (int j = 0; j < k.length; j++) {
                    k[j] = p.get(j)[0];
                    v[j] = p.get(j)[1];
                }
                PiecewiseLinear line = PiecewiseLinear.of(k, v);
                firstInner[i] = line.firstKey();
                lastInner[i] = line.lastKey();
                if (i > 0) {
                    line = atLeast(line, lines[i - 1]);
                }
                outer[i] = e.getKey();
                lines[i] = line;
                i++;
            }
            return new LineTable(outer, lines, firstInner, lastInner);
        }
    }

    /** The chord of max(line, below) on the union of their keys, extended at least as steeply as either. */
    private static PiecewiseLinear atLeast(PiecewiseLinear line, PiecewiseLinear below) {
        double[] union = DoubleStream.concat(Arrays.stream(line.keys()), Arrays.stream(below.keys()))
                .sorted().distinct().toArray();
        double[] vals = new double[union.length];
        for (int j = 0; j < union.length; j++) {
            vals[j] = Math.max(line.at(union[j]), below.at(union[j]));
        }
        return PiecewiseLinear.of(union, vals, Math.max(line.endSlope(), below.endSlope()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The time at ({@code outerKey}, {@code innerKey}), interpolated or extended as the class says. */
    public double at(double outerKey, double innerKey) {
        int n = outer.length;
        if (n == 1 || outerKey <= outer[0]) {
            return lines[0].at(innerKey);
        }
        if (outerKey >= outer[n - 1]) {
            return lines[n - 1].at(innerKey) * (outerKey / outer[n - 1]);
        }
        int i = Arrays.binarySearch(outer, outerKey);
        if (i >= 0) {
            return lines[i].at(innerKey);
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double f = (outerKey - outer[lo]) / (outer[hi] - outer[lo]);
        double a = lines[lo].at(innerKey);
        return a + f * (lines[hi].at(innerKey) - a);
    }

    /**
     * Whether ({@code outerKey}, {@code innerKey}) lies within what was measured: between the
     * first and last line, and within the measured inner keys of the line(s) around it (of both
     * neighbouring lines between two lines). Outside, {@link #at} extends the table: a guess.
     */
    public boolean covers(double outerKey, double innerKey) {
        int n = outer.length;
        if (outerKey < outer[0] || outerKey > outer[n - 1]) {
            return false;
        }
        int i = Arrays.binarySearch(outer, outerKey);
        int lo = i >= 0 ? i : -i - 2;
        int hi = i >= 0 ? i : -i - 1;
        return innerKey >= Math.max(firstInner[lo], firstInner[hi]) && innerKey <= Math.min(lastInner[lo], lastInner[hi]);
    }

    /** The measured outer keys, ascending. */
    public double[] outerKeys() {
        return outer.clone();
    }
}
