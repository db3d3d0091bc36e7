/**
 * Trace replay: the {@link dev.aiosim.workloads.trace.TraceFormat} SPI, the registry that finds a
 * format by name or by a file's first line, and the {@code file:line: field: expected ..., got '...'}
 * error contract. Each format lives in its own subpackage; they share small helpers here: CSV
 * records with their header and line ({@link dev.aiosim.workloads.trace.CsvRows}), JSON lines
 * ({@link dev.aiosim.workloads.trace.JsonLines}), field parsing
 * ({@link dev.aiosim.workloads.trace.Fields}) and the skip-or-fail rule
 * ({@link dev.aiosim.workloads.trace.BadRows}).
 */
package dev.aiosim.workloads.trace;
