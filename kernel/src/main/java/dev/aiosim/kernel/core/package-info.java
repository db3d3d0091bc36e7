/**
 * The kernel state machine itself: engines with their batches (their KV pools live in
 * {@link dev.aiosim.kernel.cache}), LLM calls in flight, agents driving their programs.
 * Single-writer: only the thread that drives the kernel (the discrete-event loop, or a live
 * runtime's kernel thread) touches anything here.
 */
package dev.aiosim.kernel.core;
