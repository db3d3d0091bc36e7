/**
 * The Azure LLM inference trace format (2023 and 2024 releases, Azure Public Dataset,
 * CC-BY-4.0; Splitwise, Patel et al., ISCA 2024): one request per CSV row.
 */
package dev.aiosim.workloads.trace.azure;
