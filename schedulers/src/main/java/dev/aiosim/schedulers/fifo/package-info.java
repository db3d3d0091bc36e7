/** First-in first-out: arrival order, run to completion, preempt only when KV runs out. */
package dev.aiosim.schedulers.fifo;
