/**
 * aiosim's own JSONL trace format: a header line, then one agent process per line with its
 * syscalls in order. It can express every other format, and it is what {@code live} records.
 */
package dev.aiosim.workloads.trace.aiosim;
