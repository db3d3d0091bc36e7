/**
 * The Scheduler SPI (DESIGN.md §5): policies see read-only views of calls and engines and
 * return decisions at step boundaries; the kernel enforces slot and KV limits and rejects
 * impossible decisions loudly. Policies are found by name through {@link SchedulerRegistry}.
 */
package dev.aiosim.kernel.scheduler;
