package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code storage} section: AIOS's storage manager (see
 * {@link dev.aiosim.kernel.storage.StorageManager}); its concurrency limit is
 * {@code cluster.storage-concurrency}.
 *
 * @param latency fixed time of every operation
 * @param bandwidth bytes per second each call moves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorageSpec(
        @JsonProperty("latency") DurationValue latency,
        @JsonProperty("bandwidth") Bandwidth bandwidth) {
}
