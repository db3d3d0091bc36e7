/**
 * Virtual time: nanosecond units, the primitive-keyed event queue of the simulated clock, the
 * {@link dev.aiosim.kernel.time.Timer} through which kernel components ask to be woken (the
 * event loop in simulated time, the live kernel's timer in wall-clock time), and the
 * {@link dev.aiosim.kernel.time.NanoClock} that live time reads.
 */
package dev.aiosim.kernel.time;
