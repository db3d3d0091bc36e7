package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code memory} section: AIOS's memory manager with MemGPT's tiers (see
 * {@link dev.aiosim.kernel.memory.MemoryManager}). Absent values get the defaults of
 * {@link ResolvedServices}.
 *
 * @param ram the RAM tier shared by all agents
 * @param eviction {@code lru} or {@code lru-k}
 * @param k lru-k's K, from 2 to 16
 * @param hitLatency an operation served from RAM
 * @param missLatency the fixed part of an operation served from the storage tier
 * @param spillBandwidth the storage tier's bandwidth: a miss also takes its bytes at this rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemorySpec(
        @JsonProperty("ram") ByteSize ram,
        @JsonProperty("eviction") String eviction,
        @JsonProperty("k") Integer k,
        @JsonProperty("hit-latency") DurationValue hitLatency,
        @JsonProperty("miss-latency") DurationValue missLatency,
        @JsonProperty("spill-bandwidth") Bandwidth spillBandwidth) {
}
