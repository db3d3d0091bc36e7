/**
 * The live runtime (DESIGN.md §1): the same {@link dev.aiosim.kernel.core.Kernel} driven on one
 * kernel thread in wall-clock time. Agents are virtual threads making blocking syscalls; they and
 * the engine workers talk to the kernel only through its lock-free MPSC inbox (JCTools), and the
 * kernel answers each agent through a one-slot hand-off that unparks it. Policies, the context
 * manager and the metrics are the very classes used in simulated time.
 */
package dev.aiosim.kernel.live;
