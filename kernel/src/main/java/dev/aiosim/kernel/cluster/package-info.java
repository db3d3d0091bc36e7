/** Several engines in one cluster and the dispatcher that sends each LLM call to one of them. */
package dev.aiosim.kernel.cluster;
