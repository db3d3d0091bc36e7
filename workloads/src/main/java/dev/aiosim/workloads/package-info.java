/**
 * Workloads (DESIGN.md §2, §9): where a run's agents come from. {@link dev.aiosim.workloads.Workloads}
 * turns the {@code workload} section of an experiment spec ({@link dev.aiosim.workloads.WorkloadSpec})
 * into a streaming {@link dev.aiosim.kernel.process.AgentSource}, either generated from the seed
 * ({@code gen}, {@code program}) or replayed from a trace ({@code trace}, one package per format).
 */
package dev.aiosim.workloads;
