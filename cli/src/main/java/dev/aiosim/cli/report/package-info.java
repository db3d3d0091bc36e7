/**
 * Console reports: a table per run, and for comparisons the mean with a 95% Student-t
 * confidence interval across repetitions, per policy; also {@code compare.csv}.
 */
package dev.aiosim.cli.report;
