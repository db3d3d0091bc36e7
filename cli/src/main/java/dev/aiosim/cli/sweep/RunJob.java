package dev.aiosim.cli.sweep;

import dev.aiosim.cli.run.Experiment;
import dev.aiosim.cli.spec.ResolvedSpec;
import java.nio.file.Path;

/**
 * One run of a sweep, as a {@link RunService} receives it.
 *
 * @param spec the point's resolved spec
 * @param pointDir the point's folder (what {@code spec.yaml} there is written relative to)
 * @param run the policy and seed
 * @param policyIndex the policy's position in the spec's list
 */
public record RunJob(ResolvedSpec spec, Path pointDir, Experiment.Planned run, int policyIndex) {
}
