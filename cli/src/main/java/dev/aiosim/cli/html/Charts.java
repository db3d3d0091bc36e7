package dev.aiosim.cli.html;

import dev.aiosim.cli.report.Stats;
import dev.aiosim.cli.results.Fmt;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's chart kinds, built with XChart in one style: a distribution's CDF, bars with 95%
 * confidence intervals, grouped bars, and lines over a numeric axis (optionally with intervals).
 * Every chart takes its series names from the caller's {@link Palette}, so a policy has the same
 * colour in every chart of the page.
 */
final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 340;
    /** Points per CDF line: quantiles 0, 0.5%, ..., 100%. */
    static final int CDF_POINTS = 201;
    /** At most this many points per timeline line; longer ones are thinned evenly. */
    static final int MAX_LINE_POINTS = 1500;

    private Charts() {}

    /** Series colours by name, in order of first use (colour-blind-safe Okabe-Ito order). */
    static final class Palette {
        private static final Color[] COLORS = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0),
            new Color(240, 228, 66)};
        private final List<String> names = new ArrayList<>();

        Color of(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                names.add(name);
                i = names.size() - 1;
            }
            Color base = COLORS[i % COLORS.length];
            return i < COLORS.length ? base : base.darker();
        }
    }

    /** The CDF of each histogram (values in microseconds), x in seconds. */
    static XYChart cdf(String title, Map<String, Histogram> byName, Palette palette) {
        XYChart c = xy(title, "seconds", "fraction of " + (title.contains("turnaround") ? "agents" : "calls") + " at or below");
        for (Map.Entry<String, Histogram> e : byName.entrySet()) {
            Histogram h = e.getValue();
            if (h.getTotalCount() == 0) {
                continue;
            }
            double[] x = new double[CDF_POINTS + 1];
            double[] y = new double[CDF_POINTS + 1];
            x[0] = h.getMinValue() / 1e6;
            y[0] = 0;
            for (int i = 0; i < CDF_POINTS; i++) {
                double q = i / (double) (CDF_POINTS - 1);
                x[i + 1] = h.getValueAtPercentile(q * 100) / 1e6;
                y[i + 1] = q;
            }
            line(c.addSeries(e.getKey(), x, y), palette.of(e.getKey()));
        }
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setYAxisDecimalPattern("0.0");
        c.getStyler().setYAxisTickMarkSpacingHint(40);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return c;
    }

    /** One bar per name with its 95% interval (none with one value); names without values are left out. */
    static CategoryChart bars(String title, String yTitle, Map<String, Stats> byName, Palette palette) {
        CategoryChart c = category(title, yTitle);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setOverlapped(true);
        for (Map.Entry<String, Stats> e : byName.entrySet()) {
            Stats s = e.getValue();
            if (s.n() == 0) {
                continue;
            }
            // one series per name, each with one bar at its own category, so each gets its colour
            List<String> xs = new ArrayList<>(byName.keySet());
            List<Double> ys = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String x : xs) {
                boolean mine = x.equals(e.getKey());
                ys.add(mine ? s.mean() : 0.0); // XChart draws no error bars with missing values
                err.add(mine && !Double.isNaN(s.halfWidth()) ? s.halfWidth() : 0.0);
            }
            CategorySeries series = c.addSeries(e.getKey(), xs, ys, err);
            series.setFillColor(palette.of(e.getKey()));
        }
        return c;
    }

    /** Grouped bars: per category (e.g. a priority level), one bar per name with its interval. */
    static CategoryChart grouped(String title, String yTitle, List<String> categories, Map<String, List<Stats>> byName,
                                 Palette palette) {
        CategoryChart c = category(title, yTitle);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        for (Map.Entry<String, List<Stats>> e : byName.entrySet()) {
            List<Double> ys = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (Stats s : e.getValue()) {
                ys.add(s.n() == 0 ? 0.0 : s.mean());
                err.add(s.n() == 0 || Double.isNaN(s.halfWidth()) ? 0.0 : s.halfWidth());
            }
            c.addSeries(e.getKey(), categories, ys, err).setFillColor(palette.of(e.getKey()));
        }
        return c;
    }

    /**
     * Lines over a numeric x axis, one per name; {@code err} (may be null) gives 95% half-widths
     * drawn as error bars. Points whose y is NaN are left out; long lines are thinned.
     */
    static XYChart lines(String title, String xTitle, String yTitle, Map<String, Line> byName, Palette palette) {
        XYChart c = xy(title, xTitle, yTitle);
        for (Map.Entry<String, Line> e : byName.entrySet()) {
            Line l = e.getValue().finite().thinned(MAX_LINE_POINTS);
            if (l.x().length == 0) {
                continue;
            }
            XYSeries s = l.err() == null ? c.addSeries(e.getKey(), l.x(), l.y()) : c.addSeries(e.getKey(), l.x(), l.y(), l.err());
            line(s, palette.of(e.getKey()));
            if (l.x().length <= 30) {
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        double max = byName.values().stream().flatMap(l -> java.util.Arrays.stream(l.x()).boxed())
                .filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(0);
        double min = byName.values().stream().flatMap(l -> java.util.Arrays.stream(l.x()).boxed())
                .filter(Double::isFinite).mapToDouble(Double::doubleValue).min().orElse(0);
        c.getStyler().setxAxisTickLabelsFormattingFunction(labelsEvery(step(max - min)));
        return c;
    }

    /** A round step (1, 2 or 5 x 10^k) that cuts {@code range} into at most about 8 parts; 0 for an empty range. */
    static double step(double range) {
        if (!(range > 0)) {
            return 0;
        }
        double raw = range / 8;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /**
     * Tick labels only at multiples of {@code step}: XChart puts a tick at every few data points
     * when the x values are equally spaced (a timeline), which crowds long axes with labels.
     */
    static java.util.function.Function<Double, String> labelsEvery(double step) {
        int decimals = step >= 1 || step == 0 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return v -> {
            if (step == 0) {
                return Fmt.plain(v);
            }
            double k = v / step;
            if (Math.abs(k - Math.rint(k)) >= 1e-6) {
                return "";
            }
            double at = Math.rint(k) * step;
            return Math.abs(at - Math.rint(at)) < 1e-9 ? Long.toString(Math.round(at)) // 2, not 2.0
                    : String.format(java.util.Locale.ROOT, "%." + decimals + "f", at);
        };
    }

    /**
     * A line's points.
     *
     * @param x the x values, ascending
     * @param y the y values
     * @param err 95% half-widths, or null
     */
    record Line(double[] x, double[] y, double[] err) {
        /** The points whose x and y are finite (a NaN half-width becomes 0). */
        Line finite() {
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    n++;
                }
            }
            double[] fx = new double[n];
            double[] fy = new double[n];
            double[] fe = err == null ? null : new double[n];
            for (int i = 0, j = 0; i < x.length; i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    fx[j] = x[i];
                    fy[j] = y[i];
                    if (fe != null) {
                        fe[j] = Double.isFinite(err[i]) ? err[i] : 0;
                    }
                    j++;
                }
            }
            return new Line(fx, fy, fe);
        }

        /** Every k-th point (and the last), so that at most about {@code max} remain. */
        Line thinned(int max) {
            if (x.length <= max) {
                return this;
            }
            int k = (x.length + max - 1) / max;
            int n = (x.length - 1) / k + 1 + ((x.length - 1) % k == 0 ? 0 : 1);
            double[] tx = new double[n];
            double[] ty = new double[n];
            double[] te = err == null ? null : new double[n];
            int j = 0;
            for (int i = 0; i < x.length; i += k, j++) {
                tx[j] = x[i];
                ty[j] = y[i];
                if (te != null) {
                    te[j] = err[i];
                }
            }
            if (j < n) {
                tx[j] = x[x.length - 1];
                ty[j] = y[y.length - 1];
                if (te != null) {
                    te[j] = err[err.length - 1];
                }
            }
            return new Line(tx, ty, te);
        }
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c, c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    private static CategoryChart category(String title, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(c, c.getStyler());
        c.getStyler().setErrorBarsColor(Color.BLACK);
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    private static void style(Chart<?, ?> c, AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(200, 200, 200));
        s.setPlotGridLinesColor(new Color(230, 230, 230));
        s.setLegendBorderColor(new Color(220, 220, 220));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAntiAlias(true);
    }

    private static void line(XYSeries s, Color color) {
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.NONE);
    }
}
