/**
 * Running an experiment: every policy of a resolved spec with every seed, each on a fresh
 * workload source, carried out by a {@link dev.aiosim.cli.run.Runner} (simulated or live), rows
 * streamed to the results folder, progress shown on a terminal, an early {@link dev.aiosim.cli.run.Stop}
 * honoured between and within runs.
 */
package dev.aiosim.cli.run;
