/**
 * The BurstGPT trace format (HPMLL/BurstGPT, CC-BY-4.0; Wang et al., "BurstGPT: A Real-world
 * Workload Dataset to Optimize LLM Serving Systems", 2024): one ChatGPT/GPT-4 request per CSV
 * row from an Azure OpenAI service.
 *
 * <p>Failed requests, written with 0 response tokens, are <em>filtered</em>, not bad: an LLM call
 * generates at least one token, and inventing one would replay a request the service never
 * served. They are read and checked like any row, then not replayed, and counted in
 * {@code AgentSource.filteredRows()} (reported in the run summary). The trace stays open loop:
 * every row arrives at its own timestamp, even rows that share a {@code Session ID}, because the
 * trace records when each request arrived, not what it waited for.
 */
package dev.aiosim.workloads.trace.burstgpt;
