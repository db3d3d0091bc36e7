package dev.aiosim.kernel.process;

/** One request from an agent process to the kernel. */
public sealed interface Syscall permits LlmCall, ToolCall, MemoryCall, StorageCall {}
