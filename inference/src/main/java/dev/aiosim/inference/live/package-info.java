/**
 * The live kernel on real engines: a {@link dev.aiosim.kernel.core.StepExecutor} that carries
 * out each step the kernel decides on a DJL engine, and the factory the live runtime takes.
 */
package dev.aiosim.inference.live;
