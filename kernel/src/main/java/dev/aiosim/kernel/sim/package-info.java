/**
 * Simulated time: the discrete-event loop that drives the kernel on a virtual clock. No threads,
 * no sleeping, fully deterministic (DESIGN.md §1).
 */
package dev.aiosim.kernel.sim;
