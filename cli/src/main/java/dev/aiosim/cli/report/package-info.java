/**
 * Console reports: a table per run, and for comparisons the mean with a 95% Student-t
 * confidence interval across repetitions, per policy, and each policy's paired difference from a
 * baseline policy over the seeds; also {@code compare.csv} and {@code paired.csv}.
 */
package dev.aiosim.cli.report;
