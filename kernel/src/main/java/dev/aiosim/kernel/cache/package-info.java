/**
 * Prefix caching of KV blocks per engine (vLLM automatic prefix caching, Kwon et al. SOSP 2023
 * and its v1 block manager; Mooncake's KVCache-centric reuse, Qin et al. FAST 2025): full blocks
 * of a call's context named by a {@link dev.aiosim.kernel.process.Prefix} are stored once, shared
 * by reference count between running calls, and kept after their calls end until the KV pool
 * needs the room, least recently released first.
 */
package dev.aiosim.kernel.cache;
