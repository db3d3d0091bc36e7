package dev.aiosim.cli.run;

import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.kernel.metrics.RunMetrics;

/**
 * One finished run: a policy with a seed, and what it measured.
 *
 * @param policy the policy
 * @param seed the seed
 * @param metrics its metrics
 */
public record RunResult(PolicyEntry policy, long seed, RunMetrics metrics) {
}
