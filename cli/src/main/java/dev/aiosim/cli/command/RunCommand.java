package dev.aiosim.cli.command;

import dev.aiosim.cli.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aiosim run SPEC}: runs every policy of a spec with every seed and writes the results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs an experiment spec: every policy with every seed; writes the results folder and prints a table per run.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment spec (YAML).")
    Path file;

    @Mixin
    CommonOptions options = new CommonOptions();

    @Mixin
    JobsOption jobs = new JobsOption();

    @Override
    public Integer call() {
        return new Invocation(spec, options).jobs(jobs.jobs()).execute(SpecLoader.Source.file(file), options.overrides());
    }
}
