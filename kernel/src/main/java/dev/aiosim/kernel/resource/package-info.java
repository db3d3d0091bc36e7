/**
 * Resources that serve tool, memory and storage calls beside the GPUs: FIFO queues with a
 * concurrency limit, each request holding its agent for a latency (DESIGN.md §4).
 */
package dev.aiosim.kernel.resource;
