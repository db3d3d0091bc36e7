package dev.aiosim.cli.sweep;

import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.cli.spec.SpecOverride;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A sweep's points resolved into specs before anything runs, so that every bad key or value is
 * one line naming it: each value is first tried alone (the other keys as the spec has them), then
 * each point is resolved whole.
 */
public final class SweepPlan {
    private SweepPlan() {}

    /**
     * A point and its resolved spec.
     *
     * @param point the point
     * @param spec the spec with the point's values set
     */
    public record Resolved(Point point, ResolvedSpec spec) {}

    /** The override that removes the {@code sweep:} section before the spec is bound (it is not part of an experiment). */
    public static SpecOverride withoutSection() {
        return SpecOverride.of(Grid.SECTION + " section", Grid.SECTION, null);
    }

    /**
     * Resolves every point of {@code grid}.
     *
     * @param base the command's overrides ({@link #withoutSection} first)
     * @param adjust applied to each resolved spec
     */
    public static List<Resolved> resolve(SpecLoader loader, SpecLoader.Source source, List<SpecOverride> base, Grid grid,
                                         UnaryOperator<ResolvedSpec> adjust) {
        for (Axis a : grid.axes()) {
            for (int i = 0; i < a.values().size(); i++) {
                List<SpecOverride> one = new ArrayList<>(base);
                one.add(SpecOverride.of(a.origins().get(i), a.key(), a.values().get(i)));
                loader.load(source, one);
            }
        }
        List<Resolved> points = new ArrayList<>();
        for (Point p : grid.points()) {
            List<SpecOverride> all = new ArrayList<>(base);
            all.addAll(p.overrides());
            points.add(new Resolved(p, adjust.apply(loader.load(source, all))));
        }
        return points;
    }
}
