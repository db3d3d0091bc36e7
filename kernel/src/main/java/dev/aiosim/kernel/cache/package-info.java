/**
 * Each engine's KV pool: the {@link dev.aiosim.kernel.cache.KvManager} (after vLLM's KV-cache
 * manager) allocates a call's KV at admission, grows it per token, frees it, evicts and audits its
 * books; the kernel only decides who runs. With prefix caching (vLLM automatic prefix caching,
 * Kwon et al. SOSP 2023 and its v1 block manager; Mooncake's KVCache-centric reuse, Qin et al.
 * FAST 2025) full blocks of a call's context named by a {@link dev.aiosim.kernel.process.Prefix}
 * are stored once, shared by reference count between running calls, and kept after their calls
 * end until the KV pool needs the room, least recently released first.
 */
package dev.aiosim.kernel.cache;
