/**
 * The Vidur request-trace CSV format (microsoft/vidur, MIT; Agrawal et al., "Vidur: A
 * Large-Scale Simulation Framework for LLM Inference", MLSys 2024), as its trace-replay request
 * generator reads it: one request per row with its arrival time and prefill/decode token counts.
 * Read by {@link dev.aiosim.workloads.trace.vidur.VidurParser}, written (for feeding a workload to
 * Vidur) by {@link dev.aiosim.workloads.trace.vidur.VidurCsvWriter}.
 */
package dev.aiosim.workloads.trace.vidur;
