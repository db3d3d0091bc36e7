/**
 * The audit trail on disk (issue 10; AIOS's "kernel logs"): {@code audit.jsonl}, one JSON record
 * per line, each carrying the SHA-256 of the line before it, written as the kernel reports
 * ({@link dev.aiosim.cli.audit.HashChainWriter}) and checked by {@code aiosim audit verify}
 * ({@link dev.aiosim.cli.audit.ChainVerifier}).
 */
package dev.aiosim.cli.audit;
