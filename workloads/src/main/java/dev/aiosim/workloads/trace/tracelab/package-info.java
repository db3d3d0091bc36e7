/**
 * The TraceLab replay CSV format (uw-syfi/TraceLab, data format CC-BY-4.0): agent sessions as
 * rounds, {@code session_id,arrival_time,round_idx,prefix_len,input_len,output_len,tool_wait_after_ms}.
 * A session is one agent whose rounds run closed loop: a round starts when the previous round's
 * LLM call and tool wait have completed, not at a recorded time; only the session's start is a
 * timestamp. Rounds name their KV blocks by (session, block index) so a round can reuse the
 * context that earlier rounds computed.
 */
package dev.aiosim.workloads.trace.tracelab;
