package dev.aiosim.workloads.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.workloads.PriorityShare;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityAssignerTest {
    private static Map<Integer, Integer> counts(List<Integer> levels) {
        Map<Integer, Integer> m = new TreeMap<>();
        levels.forEach(l -> m.merge(l, 1, Integer::sum));
        return m;
    }

    private static List<Integer> assign(long n, List<PriorityShare> shares, long seed) {
        PriorityAssigner a = new PriorityAssigner(n, shares, new SplittableRandom(seed));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(a.next());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void exactCountsPerClass(long seed) {
        List<Integer> l = assign(250, List.of(new PriorityShare(0.2, 1)), seed);
        assertThat(counts(l)).isEqualTo(Map.of(0, 200, 1, 50));
        assertThat(assign(250, List.of(new PriorityShare(0.2, 1)), seed)).isEqualTo(l);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 10, 99, 1000})
    void countsAlwaysAddUpToN(int n) {
        SplittableRandom g = new SplittableRandom(n);
        for (int trial = 0; trial < 20; trial++) {
            double s1 = g.nextDouble() * 0.5;
            double s2 = g.nextDouble() * 0.5;
            List<Integer> l = assign(n, List.of(new PriorityShare(s1, 2), new PriorityShare(s2, 1)), trial);
            Map<Integer, Integer> c = counts(l);
            assertThat(l).hasSize(n);
            assertThat(c.getOrDefault(2, 0)).isEqualTo((int) Math.round(s1 * n));
            assertThat(c.getOrDefault(2, 0) + c.getOrDefault(1, 0)).isEqualTo((int) Math.round((s1 + s2) * n));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void differentSeedsChooseDifferentAgents(long seed) {
        assertThat(assign(250, List.of(new PriorityShare(0.2, 1)), seed))
                .isNotEqualTo(assign(250, List.of(new PriorityShare(0.2, 1)), seed + 100));
    }

    @ParameterizedTest
    @ValueSource(longs = {1})
    void everyAgentIsEquallyLikelyToBeChosen(long seed) {
        int n = 10;
        int[] hits = new int[n];
        int trials = 20_000;
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < trials; t++) {
            PriorityAssigner a = new PriorityAssigner(n, List.of(new PriorityShare(0.3, 1)), r.split());
            for (int i = 0; i < n; i++) {
                if (a.next() == 1) {
                    hits[i]++;
                }
            }
        }
        for (int h : hits) {
            assertThat(h / (double) trials).isBetween(0.28, 0.32);
        }
    }
}
