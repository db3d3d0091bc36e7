/** Preemptive priority scheduling by agent priority, FIFO within a level, with optional aging. */
package dev.aiosim.schedulers.priority;
