package dev.aiosim.bench.costmodel;

import java.util.List;

/**
 * Mean and largest absolute relative error of one model over the measured points of a grid.
 *
 * @param points measured points counted
 * @param meanAbs mean of |model / reference - 1|
 * @param maxAbs largest |model / reference - 1|
 * @param worst the label of the point with the largest error, or "" when there is none
 */
public record ErrorSummary(int points, double meanAbs, double maxAbs, String worst) {
    /** The summary of model {@code model} over the measured points among {@code grid}. */
    public static ErrorSummary of(List<GridPoint> grid, int model) {
        int n = 0;
        double sum = 0;
        double max = 0;
        String worst = "";
        for (GridPoint p : grid) {
            if (!p.measured()) {
                continue;
            }
            double e = Math.abs(p.error(model));
            n++;
            sum += e;
            if (e > max || worst.isEmpty()) {
                max = Math.max(max, e);
                worst = p.section() + " " + p.label();
            }
        }
        return new ErrorSummary(n, n == 0 ? 0 : sum / n, max, worst);
    }
}
