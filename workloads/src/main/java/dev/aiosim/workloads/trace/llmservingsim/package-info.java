/**
 * The LLMServingSim request-trace JSONL formats (casys-kaist/LLMServingSim, MIT; Cho et al.,
 * "LLMServingSim: A HW/SW Co-Simulation Infrastructure for LLM Inference Serving at Scale",
 * IISWC 2024), in both flavours, told apart by the fields of the first line:
 * <ul>
 *   <li>flat ({@code llmservingsim}): {@code {"input_toks","output_toks","arrival_time_ns"}} per
 *       line, one single-call agent each, open loop;</li>
 *   <li>sessions ({@code llmservingsim-sessions}):
 *       {@code {"session_id","arrival_time_ns","sub_requests":[{"input_toks","output_toks","tool_duration_ns"}]}}
 *       per line, one agent per session replaying its sub-requests closed loop: each LLM call,
 *       then (when {@code tool_duration_ns > 0}) a tool call of that length, then the next
 *       sub-request once those have completed. A zero tool duration adds no syscall, as in the
 *       TraceLab reader; a positive one after the last sub-request is kept (the agent ends when it
 *       ends). No prefix is attached: the format does not say which input tokens repeat earlier
 *       context.</li>
 * </ul>
 */
package dev.aiosim.workloads.trace.llmservingsim;
