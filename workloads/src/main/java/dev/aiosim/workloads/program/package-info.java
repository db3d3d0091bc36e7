/**
 * Agent programs: generators of syscalls that the kernel drives one result at a time (a ReAct
 * loop whose prompt grows with its history; a single call, for chat and request traces; a
 * plan-and-execute agent with parallel fan-out; a multi-turn chat session with think times; a
 * fixed script replayed closed-loop, for recorded agent sessions).
 */
package dev.aiosim.workloads.program;
