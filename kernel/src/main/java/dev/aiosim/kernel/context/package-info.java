/**
 * The context manager: preempted calls leave a context snapshot behind, either KV bytes swapped
 * to bounded host memory over PCIe or a note to recompute the context on resume (AIOS's text
 * snapshot). Snapshots and their counters are first-class so that reports can account for
 * every byte and every recomputed token.
 */
package dev.aiosim.kernel.context;
