/**
 * Real inference engines on DJL's PyTorch engine: a Llama-shaped decoder built from a small spec
 * with seeded weights (or read from a local safetensors file), an engine that executes the
 * kernel's steps as batched forwards with each call's KV cache as tensors, and real context
 * snapshots (swap to host memory, recompute). DESIGN.md section 3: kernel &lt;- inference &lt;- cli.
 */
package dev.aiosim.inference;
