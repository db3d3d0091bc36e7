package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code slo} section: per-call objectives for goodput; absent = not set (and not written).
 *
 * @param ttft time-to-first-token limit
 * @param tbt limit on the largest gap between two output tokens
 * @param e2e end-to-end limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SloSpec(@JsonProperty("ttft") DurationValue ttft, @JsonProperty("tbt") DurationValue tbt,
                      @JsonProperty("e2e") DurationValue e2e) {
    /** Whether no objective is set (the resolved spec then leaves the section out). */
    @JsonIgnore
    public boolean isEmpty() {
        return ttft == null && tbt == null && e2e == null;
    }
}
