/** Earliest deadline first, with deadlines from a TTFT or end-to-end target, optionally preemptive. */
package dev.aiosim.schedulers.edf;
