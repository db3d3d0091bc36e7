package dev.aiosim.cli.results;

import dev.aiosim.inference.live.StepRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rows of {@code steps.csv}: one per step a real (DJL) engine of a live run carried out, so
 * that a sim-vs-real comparison can look at each step (docs/inference.md, "Per-step records").
 * Its shape columns and {@code step_ms} are those {@code calibrate --from-timings} reads, so the
 * file can be fitted as it is. Times are milliseconds with 6 decimals (exact nanoseconds); an
 * empty cell is a figure not measured (the dispatch gap of a step the kernel had no work before,
 * CPU time where the JVM cannot tell).
 */
final class StepsCsv {
    static final String[] HEADER = {"policy", "seed", "engine", "step", "start_ms", "ops_ms", "prefill_tokens",
        "prefill_pairs", "decode_calls", "decode_context_tokens", "sampling_calls", "step_ms", "cpu_ms", "model_ms",
        "swap_out_bytes", "swap_in_bytes", "gap_ms"};

    private StepsCsv() {}

    static void print(CSVPrinter out, String policy, long seed, List<StepRecord> steps) throws IOException {
        String s = Long.toString(seed);
        List<String> row = new ArrayList<>(HEADER.length);
        for (StepRecord r : steps) {
            row.clear();
            row.add(policy);
            row.add(s);
            row.add(Integer.toString(r.engine()));
            row.add(Long.toString(r.step()));
            row.add(ms(r.startNanos()));
            row.add(ms(r.opsNanos()));
            row.add(Long.toString(r.prefillTokens()));
            row.add(Long.toString(r.prefillPairs()));
            row.add(Long.toString(r.decodeCalls()));
            row.add(Long.toString(r.decodeContextTokens()));
            row.add(Long.toString(r.samplingCalls()));
            row.add(ms(r.forwardNanos()));
            row.add(r.cpuNanos() < 0 ? "" : ms(r.cpuNanos()));
            row.add(ms(r.modelNanos()));
            row.add(Long.toString(r.swapOutBytes()));
            row.add(Long.toString(r.swapInBytes()));
            row.add(r.hasGap() ? ms(r.gapNanos()) : "");
            out.printRecord(row);
        }
    }

    /** Nanoseconds as milliseconds with 6 decimals, exact: 1234567 gives {@code 1.234567}. */
    static String ms(long nanos) {
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        String frac = Long.toString(n % 1_000_000);
        return sign + n / 1_000_000 + "." + "0".repeat(6 - frac.length()) + frac;
    }
}
