package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiosim.workloads.replay.ReplayOptions;

/**
 * The {@code workload.replay} section of a trace workload: which agents of the trace to replay
 * and on what time scale (see {@link ReplayOptions} for the order in which they apply). Exists so
 * a replay's selection is part of the spec, written into the resolved {@code spec.yaml} and
 * repeated exactly.
 *
 * @param window {@code FROM..TO} in the trace's time, e.g. {@code 10m..20m}; arrivals are shifted to start at 0
 * @param sample probability of keeping each agent, in (0, 1], drawn from the run's seed
 * @param limit most agents to replay, >= 1
 * @param speedup divide arrival times by this factor, > 0
 * @param rate rescale arrivals to this mean rate in agents per second, > 0 (not with speedup)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record ReplaySpec(
        @JsonProperty("window") String window,
        @JsonProperty("sample") Double sample,
        @JsonProperty("limit") Long limit,
        @JsonProperty("speedup") Double speedup,
        @JsonProperty("rate") Double rate) {

    /**
     * Checks the section and returns it in kernel units.
     *
     * @param path where the section sits, e.g. {@code workload.replay}; prefixes messages
     * @throws IllegalArgumentException naming the bad field, what was expected and what was found
     */
    public ReplayOptions toOptions(String path) {
        long from = 0;
        long to = Long.MAX_VALUE;
        if (window != null) {
            try {
                long[] w = ReplayOptions.parseWindow(window);
                from = w[0];
                to = w[1];
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ".window: " + e.getMessage(), e);
            }
        }
        if (sample != null && !(sample > 0 && sample <= 1)) {
            throw new IllegalArgumentException(path + ".sample: expected a probability in (0, 1], got " + Spec.show(sample));
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException(path + ".limit: expected an integer >= 1, got " + limit);
        }
        if (speedup != null && (!(speedup > 0) || speedup.isInfinite())) {
            throw new IllegalArgumentException(path + ".speedup: expected a number > 0, got " + Spec.show(speedup));
        }
        if (rate != null && (!(rate > 0) || rate.isInfinite())) {
            throw new IllegalArgumentException(path + ".rate: expected a number of agents per second > 0, got " + Spec.show(rate));
        }
        if (rate != null && speedup != null) {
            throw new IllegalArgumentException(path + ".rate: expected either speedup or rate (both scale time), got speedup "
                    + Spec.show(speedup) + " and rate " + Spec.show(rate));
        }
        return new ReplayOptions(from, to, sample == null ? 1 : sample, limit == null ? Long.MAX_VALUE : limit,
                speedup == null ? 1 : speedup, rate == null ? 0 : rate);
    }
}
