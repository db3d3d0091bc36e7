package dev.aiosim.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy x seed loop: every run recorded whole as it finishes, a stop ends the loop, marked partial. */
class ExperimentTest {
    private static final String SPEC = """
            name: t
            seeds: [3, 4]
            workload:
              agents: 4
              program:
                rounds: {dist: fixed, value: 2}
                step-prompt: {dist: fixed, value: 50}
                output: {dist: fixed, value: 10}
                tool-latency: {dist: fixed, value: 1s}
            schedulers: [fifo, priority]
            """;

    @TempDir
    Path tmp;

    /** The simulated runner, stopping the experiment once it has carried out {@code stopAfter} runs. */
    private static final class StoppingRunner implements Runner {
        private final SimulatedRunner sim = new SimulatedRunner();
        private final int stopAfter;
        private final List<String> ran = new ArrayList<>();

        StoppingRunner(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public RunOutcome run(RunRequest r) {
            RunOutcome o = sim.run(r);
            ran.add(r.policy().label() + "/" + r.seed());
            if (ran.size() == stopAfter) {
                r.stop().request();
            }
            return o;
        }

        @Override
        public String headline(ResolvedSpec spec, int runs) {
            return sim.headline(spec, runs);
        }

        @Override
        public String folderName(ResolvedSpec spec) {
            return sim.folderName(spec);
        }

        @Override
        public String specComment(Path specFile) {
            return sim.specComment(specFile);
        }

        @Override
        public void describe(RunInfo info, boolean partial) {
            sim.describe(info, partial);
        }
    }

    private Experiment.Result run(Runner runner, Stop stop, Path out) {
        ResolvedSpec spec = new SpecLoader(SchedulerRegistry.load())
                .load(new SpecLoader.Source("t.yaml", SPEC, tmp, "t"), List.of());
        try (ResultsFolder folder = ResultsFolder.create(out)) {
            return new Experiment(spec, runner).run(folder, new RunInfo("test", null, null, List.of("aiosim"), Instant.EPOCH),
                    Progress.NONE, stop);
        }
    }

    @Test
    void runsEveryPolicyWithEverySeedInOrder() throws IOException {
        StoppingRunner runner = new StoppingRunner(-1);
        Experiment.Result r = run(runner, new Stop(), tmp.resolve("all"));
        assertThat(runner.ran).containsExactly("fifo/3", "fifo/4", "priority/3", "priority/4");
        assertThat(r.partial()).isFalse();
        assertThat(r.runs()).hasSize(4);
        assertThat(Files.readAllLines(tmp.resolve("all/summary.csv"))).hasSize(5);
    }

    @Test
    void aStopEndsTheLoopAfterTheRunInProgressWhichIsWrittenWhole() throws IOException {
        StoppingRunner runner = new StoppingRunner(2);
        Experiment.Result r = run(runner, new Stop(), tmp.resolve("stopped"));
        assertThat(runner.ran).containsExactly("fifo/3", "fifo/4");
        assertThat(r.partial()).isTrue();
        assertThat(r.runs()).extracting(x -> x.policy().label() + "/" + x.seed()).containsExactly("fifo/3", "fifo/4");
        List<String> summary = Files.readAllLines(tmp.resolve("stopped/summary.csv"));
        assertThat(summary).hasSize(3);
        assertThat(summary.get(1)).startsWith("fifo,false,3,");
        assertThat(summary.get(2)).startsWith("fifo,false,4,");
        // the rows of the two runs are the same as when nothing stops
        run(new StoppingRunner(-1), new Stop(), tmp.resolve("whole"));
        assertThat(summary.subList(1, 3)).isEqualTo(Files.readAllLines(tmp.resolve("whole/summary.csv")).subList(1, 3));
    }

    @Test
    void aStopBeforeTheFirstRunRunsNothing() {
        Stop stop = new Stop();
        stop.request();
        StoppingRunner runner = new StoppingRunner(-1);
        Experiment.Result r = run(runner, stop, tmp.resolve("none"));
        assertThat(runner.ran).isEmpty();
        assertThat(r.runs()).isEmpty();
        assertThat(r.partial()).isTrue();
    }
}
