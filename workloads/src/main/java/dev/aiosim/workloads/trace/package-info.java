/**
 * Trace replay: the {@link dev.aiosim.workloads.trace.TraceFormat} SPI, the registry that finds a
 * format by name or by a file's header, and the {@code file:line: field: expected ..., got '...'}
 * error contract. Each format lives in its own subpackage.
 */
package dev.aiosim.workloads.trace;
