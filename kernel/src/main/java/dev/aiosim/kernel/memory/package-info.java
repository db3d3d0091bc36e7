/**
 * AIOS's memory manager with MemGPT's tiers: agent memory items in a bounded RAM tier shared by
 * all agents, LRU-K eviction to a storage tier, and the model's context window with its page-out
 * (summarise or truncate) for calls that would exceed it.
 */
package dev.aiosim.kernel.memory;
