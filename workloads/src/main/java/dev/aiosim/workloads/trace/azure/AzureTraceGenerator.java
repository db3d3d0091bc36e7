package dev.aiosim.workloads.trace.azure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes a synthetic trace in the Azure LLM 2023 CSV format ({@code TIMESTAMP,ContextTokens,GeneratedTokens}),
 * streaming, deterministic from the seed. Exists to make traces of any length (the memory check
 * replays 10 million rows) that look like the real conv trace: Poisson arrivals at 5.38 requests/s,
 * context and generated tokens log-normal with the conv trace's medians and 90th percentiles
 * (context median 1,020, p90 2,735, cut to 1..16,384; generated median 129, p90 424, cut to
 * 1..1,000). Timestamps start at 2023-11-16 18:15:46 and have 100 ns resolution, as the real trace.
 */
public final class AzureTraceGenerator {
    static final double RATE_PER_S = 5.38;
    private static final double CONTEXT_MEDIAN = 1020;
    private static final double CONTEXT_SIGMA = Math.log(2735.0 / 1020) / 1.2816;
    private static final double GENERATED_MEDIAN = 129;
    private static final double GENERATED_SIGMA = Math.log(424.0 / 129) / 1.2816;
    private static final long START_EPOCH_SECOND = LocalDateTime.of(2023, 11, 16, 18, 15, 46).toEpochSecond(ZoneOffset.UTC);

    private AzureTraceGenerator() {}

    /** Writes the header and {@code rows} rows. */
    public static void write(Writer out, long rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedWriter w = out instanceof BufferedWriter b ? b : new BufferedWriter(out, 1 << 16);
        StringBuilder line = new StringBuilder(64);
        long ticks = 0; // 100 ns units since the start
        try {
            w.write("TIMESTAMP,ContextTokens,GeneratedTokens\n");
            for (long i = 0; i < rows; i++) {
                if (i > 0) {
                    ticks += Math.round(random.nextExponential() / RATE_PER_S * 1e7);
                }
                long context = logNormal(random, CONTEXT_MEDIAN, CONTEXT_SIGMA, 16_384);
                long generated = logNormal(random, GENERATED_MEDIAN, GENERATED_SIGMA, 1_000);
                line.setLength(0);
                timestamp(line, ticks);
                line.append(',').append(context).append(',').append(generated).append('\n');
                w.append(line);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long logNormal(SplittableRandom r, double median, double sigma, long max) {
        long v = Math.round(median * Math.exp(sigma * r.nextGaussian()));
        return Math.max(1, Math.min(max, v));
    }

    /** {@code 2023-11-16 18:15:46.6805900}: the Azure text with 7 fractional digits. */
    static void timestamp(StringBuilder b, long ticks) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(START_EPOCH_SECOND + ticks / 10_000_000, 0, ZoneOffset.UTC);
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond()).append('.');
        String frac = Long.toString(ticks % 10_000_000);
        b.append("0".repeat(7 - frac.length())).append(frac);
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append(v < 10 ? "0" : "").append(v);
    }
}
