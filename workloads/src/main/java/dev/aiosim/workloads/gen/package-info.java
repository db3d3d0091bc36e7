/**
 * Synthetic workload generation: arrival processes, length distributions (including empirical
 * ones borrowed from traces), priority classes and per-agent random streams derived from the
 * run's seed, so that the same seed gives the same agents under every policy.
 */
package dev.aiosim.workloads.gen;
