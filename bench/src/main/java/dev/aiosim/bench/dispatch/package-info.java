/**
 * Benchmarks of the live kernel's dispatch core: the lock-based baseline (how AIOS dispatches: a
 * blocking queue and a lock-and-condition wake-up) plugged into the same live kernel as the
 * lock-free inbox and hand-off, the shared set-up of the JMH dispatch benchmark, and a command
 * printing the kernel thread's CPU per syscall as agents grow.
 */
package dev.aiosim.bench.dispatch;
