/**
 * The DJL engine: executes the kernel's steps as batched forwards over real KV caches, with real
 * context snapshots (swap to host arrays, recompute) and figures of their cost.
 */
package dev.aiosim.inference.engine;
