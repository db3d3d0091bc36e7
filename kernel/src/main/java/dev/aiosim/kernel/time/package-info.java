/** Virtual time: nanosecond units and the primitive-keyed event queue of the simulated clock. */
package dev.aiosim.kernel.time;
