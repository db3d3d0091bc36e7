package dev.aiosim.kernel.process;

/** One request from an agent process to the kernel ({@link FanOut}: several at once). */
public sealed interface Syscall permits LlmCall, ToolCall, MemoryCall, StorageCall, FanOut {}
