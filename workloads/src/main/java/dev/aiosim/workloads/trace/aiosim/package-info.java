/**
 * aiosim's own trace format: JSON lines, a header then one agent per line with its whole syscall
 * sequence (LLM calls with prefixes, tool, memory and storage calls, closed-loop). It can express
 * every other supported format, so {@code trace convert} writes it losslessly and {@code live}
 * records its workload in it.
 */
package dev.aiosim.workloads.trace.aiosim;
