package dev.aiosim.cli.cluster;

import dev.aiosim.cli.BuildInfo;
import dev.aiosim.cli.plugin.PolicyPlugins;
import dev.aiosim.cli.results.RowBuffer;
import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.run.SimulatedRunner;
import dev.aiosim.cli.run.Stop;
import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.ResolvedSpec;
import dev.aiosim.cli.spec.SpecException;
import dev.aiosim.cli.spec.SpecLoader;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.workloads.trace.TraceFileException;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One run of a sweep as it travels to a worker: the point's resolved spec as text (what its
 * {@code spec.yaml} holds, file paths relative to the point's folder), that folder's absolute
 * path (file paths are resolved against it, so traces must be at the same paths on the workers),
 * the policy's index and the seed. The worker loads the spec and runs it with the code of a local
 * run; the aiosim versions must match.
 *
 * @param version the sweep's aiosim version
 * @param specText the resolved spec (YAML)
 * @param baseDir the point's folder, absolute
 * @param policyIndex the policy's position in the spec's list
 * @param seed the seed
 */
public record RunTask(String version, String specText, String baseDir, int policyIndex, long seed)
        implements Callable<TaskOutcome>, Serializable {

    @Override
    public TaskOutcome call() {
        if (!version.equals(BuildInfo.version())) {
            return new TaskOutcome(null, "the worker runs aiosim " + BuildInfo.version() + " and the sweep aiosim " + version
                    + "; start the workers from the same build", null);
        }
        try {
            ResolvedSpec spec = new SpecLoader(BuiltIn.REGISTRY).load(
                    new SpecLoader.Source("spec.yaml (sent by the sweep)", specText, Path.of(baseDir), "sweep"), List.of());
            PolicyEntry policy = spec.policies().get(policyIndex);
            Experiment.Finished f = new Experiment(spec, new SimulatedRunner()).runBuffered(new Experiment.Planned(policy, seed),
                    RowBuffer.inMemory(policy.label(), seed), new Stop());
            return new TaskOutcome(f, null, null);
        } catch (SpecException | TraceFileException | TraceFormatException e) {
            return new TaskOutcome(null, e.getMessage(), null);
        } catch (RuntimeException | Error e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new TaskOutcome(null, null, trace.toString());
        }
    }

    /** The built-in policies, loaded once per worker. */
    private static final class BuiltIn {
        static final SchedulerRegistry REGISTRY = PolicyPlugins.load(List.of()).registry();
    }
}
