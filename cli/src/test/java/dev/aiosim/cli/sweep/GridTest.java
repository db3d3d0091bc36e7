package dev.aiosim.cli.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grid: axes from the section and {@code --vary}, their product in order, and safe, unique folder names. */
class GridTest {
    private static final Path HERE = Path.of("/specs");

    @Test
    void varyReplacesTheSectionsKeyAndAddsNewOnesAfterIt() {
        Grid g = Grid.of("s.yaml", "name: x\nsweep:\n  cluster.max-batch: [16, 64]\n  'schedulers[1].quantum': [8, 1s]\n",
                HERE, List.of("cluster.max-batch=4,8,12", "cluster.preemption=swap,recompute"));
        assertThat(g.keys()).containsExactly("schedulers[1].quantum", "cluster.max-batch", "cluster.preemption");
        List<Point> points = g.points();
        assertThat(points).hasSize(2 * 3 * 2);
        assertThat(points.get(0).values()).containsExactly("8", "4", "swap");
        assertThat(points.get(1).values()).containsExactly("8", "4", "recompute");
        assertThat(points.get(2).values()).containsExactly("8", "8", "swap");
        assertThat(points.get(11).values()).containsExactly("1s", "12", "recompute");
        assertThat(points.get(0).folder()).isEqualTo("schedulers_1_.quantum-8_cluster.max-batch-4_cluster.preemption-swap");
        assertThat(points).extracting(Point::folder).doesNotHaveDuplicates().allMatch(f -> f.matches("[A-Za-z0-9._-]+"));
    }

    @Test
    void commasInsideBracketsAndQuotesDoNotSplitValues() {
        assertThat(Grid.splitTopLevel("[fifo, rr],{name: rr, quantum: 8},'a,b',3")).containsExactly("[fifo, rr]",
                "{name: rr, quantum: 8}", "'a,b'", "3");
        Axis a = Grid.vary("schedulers=[fifo, rr],[priority]");
        assertThat(a.values()).hasSize(2);
        assertThat(Axis.text(a.values().get(0))).isEqualTo("[\"fifo\",\"rr\"]");
    }

    @Test
    void namesThatCleanToTheSameFolderStayApart() {
        Grid g = Grid.of("s.yaml", "name: x", HERE, List.of("name=a/b,a_b,.hidden"));
        assertThat(g.points()).extracting(Point::folder).containsExactly("name-a_b", "name-a_b-2", "name-_hidden");
    }

    @Test
    void relativePathsOfTheSectionAreTakenFromTheSpecsFolder() {
        Grid g = Grid.of("s.yaml", "sweep:\n  workload.trace: [a.csv, /abs/b.csv]", HERE, List.of());
        assertThat(g.axes().get(0).values()).extracting(v -> v.textValue()).containsExactly("/specs/a.csv", "/abs/b.csv");
    }
}
