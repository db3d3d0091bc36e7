/**
 * The agent-OS services beside scheduling (memory, storage, access, context window) behind the
 * one facade the kernel calls for every tool, memory, storage and LLM call.
 */
package dev.aiosim.kernel.services;
