/**
 * The Mooncake trace format (kvcache-ai/Mooncake, FAST'25 release, Apache-2.0; Qin et al.,
 * "Mooncake: A KVCache-centric Disaggregated Architecture for LLM Serving", FAST 2025): one
 * request per JSON line, with the content ids of its prompt's 512-token blocks, so that prefix
 * caching can be replayed.
 */
package dev.aiosim.workloads.trace.mooncake;
