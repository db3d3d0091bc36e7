/** Shortest job first by output length, non-preemptive: oracle or predicted lengths. */
package dev.aiosim.schedulers.sjf;
