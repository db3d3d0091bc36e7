package dev.aiosim.cli.command;

import dev.aiosim.cli.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aiosim compare SPEC}: like run, plus mean and 95% CI across repetitions per policy. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Runs all policies of a spec on the same workload and seeds, and compares them side by side:"
            + " mean and 95%% confidence interval (Student t) across seeds per policy; also writes compare.csv."})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment spec (YAML).")
    Path file;

    @Mixin
    CommonOptions options = new CommonOptions();

    @Mixin
    JobsOption jobs = new JobsOption();

    @Mixin
    BaselineOption baseline = new BaselineOption();

    @Override
    public Integer call() {
        return new Invocation(spec, options).jobs(jobs.jobs()).compare(baseline.label).execute(SpecLoader.Source.file(file), options.overrides());
    }
}
