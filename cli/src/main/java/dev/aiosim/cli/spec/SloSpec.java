package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code slo} section: per-call objectives for goodput; absent = not set.
 *
 * @param ttft time-to-first-token limit
 * @param tbt limit on the largest gap between two output tokens
 * @param e2e end-to-end limit
 */
public record SloSpec(@JsonProperty("ttft") DurationValue ttft, @JsonProperty("tbt") DurationValue tbt,
                      @JsonProperty("e2e") DurationValue e2e) {
}
