/**
 * Fault injection (DESIGN.md §4, issue 10): engine crashes at given times or drawn from MTBF/MTTR
 * distributions, tool calls that fail with a probability and are retried with backoff, and what
 * survives a crash. The plan and its seeded schedule live here; the kernel carries out the crash
 * and the recovery of the calls it hit.
 */
package dev.aiosim.kernel.fault;
