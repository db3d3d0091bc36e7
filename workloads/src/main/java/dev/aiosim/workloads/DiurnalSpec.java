package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A daily (or any periodic) swing of an arrival process's rate, as seen in production LLM traces
 * (Splitwise, Patel et al., ISCA 2024; BurstGPT, Wang et al., 2024): the rate at time t is the
 * base process's rate times {@code 1 + amplitude * cos(2 pi (t - peak) / period)}, so it is
 * highest at {@code peak} (and every period after), lowest half a period later, and its average
 * over a period is the base rate. Applied by time rescaling (see
 * {@link dev.aiosim.workloads.gen.DiurnalArrivals}).
 *
 * @param period length of one cycle, a duration > 0 (like {@code 24h})
 * @param amplitude relative swing, in [0, 1): 0.5 means the rate goes from 0.5x to 1.5x the base
 * @param peak time of the first peak from t = 0, a duration >= 0; default 0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiurnalSpec(
        @JsonProperty("period") Object period,
        @JsonProperty("amplitude") Double amplitude,
        @JsonProperty("peak") Object peak) {

    /** Period in seconds. */
    public double periodSeconds() {
        return Spec.seconds(period);
    }

    /** Peak time in seconds, 0 when absent. */
    public double peakSeconds() {
        return peak == null ? 0 : Spec.seconds(peak);
    }

    /** Checks this part of a spec; messages start with {@code path}. */
    public void validate(String path) {
        double p = Spec.seconds(period);
        if (period == null || !(p > 0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException(path + ".period: expected a duration > 0 (like 24h, 30m or seconds), got "
                    + Spec.show(period));
        }
        if (amplitude == null || !(amplitude >= 0 && amplitude < 1)) {
            throw new IllegalArgumentException(path + ".amplitude: expected a number in [0, 1), got " + Spec.show(amplitude));
        }
        double k = peak == null ? 0 : Spec.seconds(peak);
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException(path + ".peak: expected a duration >= 0 (like 14h or seconds), got "
                    + Spec.show(peak));
        }
    }
}
