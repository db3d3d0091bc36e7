/** AIOS's storage manager: per-agent files with sizes, costed by latency plus bytes at a bandwidth. */
package dev.aiosim.kernel.storage;
