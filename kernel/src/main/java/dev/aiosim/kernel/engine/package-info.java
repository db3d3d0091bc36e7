/**
 * Engines (GPU serving instances) and what they cost: the hardware and model catalog, the step
 * cost models (roofline by default, a per-operator roofline, DESIGN.md §6) and each engine's
 * configuration.
 */
package dev.aiosim.kernel.engine;
