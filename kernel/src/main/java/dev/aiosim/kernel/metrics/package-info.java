/**
 * Metrics with one definition each (DESIGN.md §7): per-call and per-agent records streamed to a
 * sink as they complete, and run-level counters and HdrHistogram distributions (microseconds,
 * 3 significant digits).
 */
package dev.aiosim.kernel.metrics;
