/**
 * The live runtime (DESIGN.md §1): the same {@link dev.aiosim.kernel.core.Kernel} driven on one
 * kernel thread in wall-clock time. Agents are virtual threads making blocking syscalls; they and
 * the emulated engines' one timer thread talk to the kernel only through its lock-free MPSC inbox
 * (JCTools), and the kernel answers each agent through a one-slot hand-off that unparks it.
 * Policies, the context manager and the metrics are the very classes used in simulated time.
 * Both clocks are visible: virtual time is the injected wall clock
 * ({@link dev.aiosim.kernel.time.NanoClock}) times the dilation ({@link
 * dev.aiosim.kernel.live.VirtualClock}), and how an idle thread waits is an
 * {@link dev.aiosim.kernel.live.IdleStrategy} chosen in {@link dev.aiosim.kernel.live.LiveOptions}.
 */
package dev.aiosim.kernel.live;
