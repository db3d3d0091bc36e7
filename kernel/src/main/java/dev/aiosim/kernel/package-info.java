/**
 * The aiosim kernel: a single-threaded state machine that owns every queue, slot, context
 * snapshot and counter, and the discrete-event loop that drives it in simulated time.
 * See DESIGN.md §1 and §4.
 */
package dev.aiosim.kernel;
