/**
 * Running an experiment: every policy of a resolved spec with every seed, each on a fresh
 * workload source and kernel, rows streamed to the results folder, progress shown on a terminal.
 */
package dev.aiosim.cli.run;
