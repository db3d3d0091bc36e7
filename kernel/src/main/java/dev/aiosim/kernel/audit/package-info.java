/**
 * The kernel's audit trail (AIOS's "kernel logs"; DESIGN.md §4): every syscall and every decision
 * that changes an agent's fate, handed to an {@link dev.aiosim.kernel.audit.AuditSink}. The kernel
 * only reports; writing and hash-chaining the records is the sink's job (the CLI's
 * {@code audit.jsonl}).
 */
package dev.aiosim.kernel.audit;
