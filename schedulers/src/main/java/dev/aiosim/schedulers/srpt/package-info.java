/** Shortest remaining processing time by output length, preemptive: oracle or predicted lengths. */
package dev.aiosim.schedulers.srpt;
