/**
 * Validation of the step cost models against measured tables (issue 13): the roofline and the
 * per-operator roofline over a grid of prefill and decode steps, each compared with a profiled
 * cost model read from Vidur-format tables ({@link CostModelValidation}, run by
 * {@code bench/validate-cost-models.sh}).
 */
package dev.aiosim.bench.costmodel;
