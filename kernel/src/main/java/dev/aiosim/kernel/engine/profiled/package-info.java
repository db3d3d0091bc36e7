/**
 * Profiled step costs: a {@link dev.aiosim.kernel.engine.CostModel} built from per-operator GPU
 * timing tables in the format Vidur publishes (Agrawal et al., "Vidur: A Large-Scale Simulation
 * Framework for LLM Inference", MLSys 2024; {@code data/profiling/compute/<device>/<model>/} in
 * github.com/microsoft/vidur), interpolated piecewise linearly between the measured points.
 * docs/cost-models.md describes the format, the interpolation and the errors.
 */
package dev.aiosim.kernel.engine.profiled;
