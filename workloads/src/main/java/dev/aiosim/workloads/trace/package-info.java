/**
 * Trace replay: the {@link dev.aiosim.workloads.trace.TraceFormat} SPI, the registry that finds a
 * format by name or by a file's first line, and the {@code file:line: field: expected ..., got '...'}
 * error contract. Each format lives in its own subpackage (its {@code *Parser} reads rows, a
 * {@code *Source} is always an agent source); they share small helpers here: the row loop
 * ({@link dev.aiosim.workloads.trace.RowSource}), text lines
 * ({@link dev.aiosim.workloads.trace.TextLines}), sessions of rows
 * ({@link dev.aiosim.workloads.trace.RowGroups}), CSV
 * records with their header and line ({@link dev.aiosim.workloads.trace.CsvRows}), JSON lines
 * ({@link dev.aiosim.workloads.trace.JsonLines}), field parsing
 * ({@link dev.aiosim.workloads.trace.Fields}) and the skip-or-fail rule
 * ({@link dev.aiosim.workloads.trace.BadRows}).
 */
package dev.aiosim.workloads.trace;
