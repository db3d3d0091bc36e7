package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code metrics} section: what a run records besides its rows and summaries. Absent = the
 * defaults, and then not written to {@code spec.yaml} (so resolved specs of runs that never set it
 * stay as they were).
 *
 * @param timelineInterval how often {@code timeline.csv} samples the engines; null = 1 s
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsSpec(@JsonProperty("timeline-interval") TimelineInterval timelineInterval) {
    /** The interval in effect. */
    public TimelineInterval timeline() {
        return timelineInterval == null ? TimelineInterval.DEFAULT : timelineInterval;
    }
}
