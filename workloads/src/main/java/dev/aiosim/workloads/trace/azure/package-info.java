/**
 * The Azure LLM inference trace format (2023 and 2024 releases, Azure Public Dataset,
 * CC-BY-4.0; Splitwise, Patel et al., ISCA 2024): one request per CSV row.
 *
 * <p>One reader serves both releases ({@code azure-2023}, alias {@code azure-2024}): the 2024
 * week-long traces keep the 2023 columns {@code TIMESTAMP,ContextTokens,GeneratedTokens}. The
 * differences are in the data, not the layout: a week instead of an hour, and timestamp text that
 * may carry a UTC offset ({@code +00:00}) and fewer fractional digits, which the timestamp parser
 * accepts and applies. Arrivals are relative to the first row in both. Read by
 * {@link dev.aiosim.workloads.trace.azure.AzureLlmParser}; synthetic traces of any length in this
 * format come from {@link dev.aiosim.workloads.trace.azure.AzureTraceGenerator}.
 */
package dev.aiosim.workloads.trace.azure;
