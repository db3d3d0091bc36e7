package dev.aiosim.cli.run;

import dev.aiosim.cli.spec.PolicyEntry;

/**
 * One finished run as the reports see it: a policy with a seed, and the few figures the console
 * tables and {@code compare.csv} read (its full metrics went to the results folder as it ended).
 *
 * @param policy the policy
 * @param seed the seed
 * @param figures what the reports read of its metrics
 */
public record RunResult(PolicyEntry policy, long seed, RunFigures figures) {
}
