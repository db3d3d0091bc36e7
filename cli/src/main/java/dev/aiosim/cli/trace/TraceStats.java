package dev.aiosim.cli.trace;

import dev.aiosim.cli.report.TextTable;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * The statistics {@code trace inspect} prints, accumulated one agent at a time. Memory is
 * constant except where a statistic needs more: the arrival bins are bounded
 * ({@link ArrivalBins}), the token and round distributions are HdrHistograms (3 significant
 * digits), block-prefix reuse keeps the set of block ids seen (a compressed bitmap) and
 * session-prefix reuse keeps one counter per session key.
 *
 * <p>Prefix reuse is the share an infinite cache would serve: for {@link Prefix.Blocks}, prompt
 * blocks whose id appeared earlier in the trace (in arrival order, each agent's calls in order);
 * for {@link Prefix.Session}, prompt tokens in full blocks that the same session's earlier calls
 * had already produced (their prompts and generated tokens). Output tokens are the true output
 * lengths, before any max-tokens cut.
 */
public final class TraceStats {
    private static final double NS = 1e9;

    private final ArrivalBins bins = new ArrivalBins();
    private final Histogram prompt = new Histogram(3);
    private final Histogram output = new Histogram(3);
    private final Histogram rounds = new Histogram(3);
    private long agents;
    private long llmCalls;
    private long promptSum;
    private long outputSum;
    private long promptMax;
    private long outputMax;
    private long sessions;
    private long sessionCalls;
    private long roundsMax;
    private final long[] otherCalls = new long[3];
    private final long[] otherNanos = new long[3];
    private long first = -1;
    private long last;

    private final Roaring64Bitmap seenBlocks = new Roaring64Bitmap();
    private long blockCalls;
    private long blocks;
    private long blocksReused;
    private final Map<Long, Long> sessionContext = new HashMap<>();
    private long sessionPrefixCalls;
    private long sessionPromptTokens;
    private long sessionReusedTokens;

    /** Adds one agent arriving at {@code arrivalNanos} (non-decreasing) that issues {@code calls}. */
    public void add(long arrivalNanos, List<Syscall> calls) {
        if (first < 0) {
            first = arrivalNanos;
        }
        last = arrivalNanos;
        agents++;
        long llm = 0;
        for (Syscall s : calls) {
            llm += count(s);
        }
        llmCalls += llm;
        if (llm > 1) {
            sessions++;
            sessionCalls += llm;
            rounds.recordValue(llm);
            roundsMax = Math.max(roundsMax, llm);
        }
        bins.add(arrivalNanos - first, llm);
    }

    /** Counts one syscall (a fan-out's children one by one); returns the LLM calls in it. */
    private long count(Syscall s) {
        switch (s) {
            case LlmCall c -> {
                llm(c);
                return 1;
            }
            case ToolCall t -> other(0, t.latencyNanos());
            case MemoryCall m -> other(1, m.latencyNanos());
            case StorageCall m -> other(2, m.latencyNanos());
            case FanOut f -> {
                long llm = 0;
                for (Syscall child : f.calls()) {
                    llm += count(child);
                }
                return llm;
            }
        }
        return 0;
    }

    private void other(int kind, long nanos) {
        otherCalls[kind]++;
        otherNanos[kind] += nanos;
    }

    private void llm(LlmCall c) {
        prompt.recordValue(c.promptTokens());
        output.recordValue(c.outputTokens());
        promptSum += c.promptTokens();
        outputSum += c.outputTokens();
        promptMax = Math.max(promptMax, c.promptTokens());
        outputMax = Math.max(outputMax, c.outputTokens());
        switch (c.prefix()) {
            case null -> { }
            case Prefix.Blocks b -> {
                blockCalls++;
                for (int k = 0; k < b.size(); k++) {
                    long id = b.blockId(k);
                    blocks++;
                    if (seenBlocks.contains(id)) {
                        blocksReused++;
                    } else {
                        seenBlocks.addLong(id);
                    }
                }
            }
            case Prefix.Session s -> {
                long produced = sessionContext.getOrDefault(s.session(), 0L);
                long reusable = Math.min(produced, c.promptTokens()) / s.blockTokens() * s.blockTokens();
                sessionPrefixCalls++;
                sessionPromptTokens += c.promptTokens();
                sessionReusedTokens += reusable;
                sessionContext.put(s.session(), (long) c.promptTokens() + c.tokensToGenerate());
            }
        }
    }

    /** The report, as printed by {@code trace inspect}. */
    public String render(String file, String format, long skippedRows) {
        StringBuilder b = new StringBuilder();
        long duration = first < 0 ? 0 : last - first;
        line(b, "file", file);
        line(b, "format", format);
        line(b, "agents", Long.toString(agents));
        line(b, "llm calls", Long.toString(llmCalls));
        line(b, "duration", seconds(duration) + " s (first to last arrival)");
        line(b, "skipped rows", Long.toString(skippedRows));
        if (agents == 0) {
            return b.toString();
        }
        b.append('\n');
        arrivals(b, duration);
        b.append('\n');
        TextTable tokens = new TextTable(List.of("tokens per llm call", "p50", "p90", "p99", "max", "mean"));
        if (llmCalls > 0) {
            tokens.add(row("prompt", prompt, promptMax, promptSum, llmCalls));
            tokens.add(row("output", output, outputMax, outputSum, llmCalls));
            b.append(tokens.render()).append('\n');
        }
        line(b, "sessions", sessions + " of " + agents + " agents make more than one llm call ("
                + sessionCalls + " llm calls)");
        if (sessions > 0) {
            line(b, "rounds per session", String.format(Locale.ROOT, "p50 %d, p90 %d, p99 %d, max %d, mean %.2f",
                    rounds.getValueAtPercentile(50), rounds.getValueAtPercentile(90), rounds.getValueAtPercentile(99),
                    roundsMax, (double) sessionCalls / sessions));
        }
        String[] kinds = {"tool", "memory", "storage"};
        for (int k = 0; k < 3; k++) {
            line(b, kinds[k] + " waits", otherCalls[k] + " calls, " + seconds(otherNanos[k]) + " s in total"
                    + (otherCalls[k] == 0 ? "" : ", mean " + seconds(otherNanos[k] / otherCalls[k]) + " s"));
        }
        if (blockCalls > 0) {
            line(b, "prefix reuse (block ids)", blocksReused + " of " + blocks + " prompt blocks (" + percent(blocksReused, blocks)
                    + ") have an id seen earlier in the trace; " + blockCalls + " llm calls name blocks");
        }
        if (sessionPrefixCalls > 0) {
            line(b, "prefix reuse (sessions)", sessionReusedTokens + " of " + sessionPromptTokens + " prompt tokens ("
                    + percent(sessionReusedTokens, sessionPromptTokens) + ") are in full blocks the session produced before; "
                    + sessionPrefixCalls + " llm calls continue a session");
        }
        if (blockCalls == 0 && sessionPrefixCalls == 0) {
            line(b, "prefix reuse", "none (no llm call names a prefix)");
        }
        return b.toString();
    }

    private void arrivals(StringBuilder b, long duration) {
        int used = bins.used();
        long m = 1;
        pick:
        for (long decade = 1; ; decade *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                m = step * decade;
                if ((used + m - 1) / m <= 12) {
                    break pick;
                }
            }
        }
        long width = bins.width() * m;
        b.append("arrivals per ").append(seconds(width)).append(" s from the first arrival:\n");
        TextTable t = new TextTable(List.of("from_s", "to_s", "agents", "llm_calls", "llm_calls_per_s"));
        for (long from = 0, i = 0; from <= duration && i * m < used; from += width, i++) {
            long agentsIn = 0;
            long callsIn = 0;
            for (long j = i * m; j < Math.min(used, (i + 1) * m); j++) {
                agentsIn += bins.agents((int) j);
                callsIn += bins.calls((int) j);
            }
            long to = from + width > duration && duration > from ? duration : from + width;
            String rate = to > from ? String.format(Locale.ROOT, "%.3f", callsIn / ((to - from) / NS)) : "-";
            t.add(List.of(seconds(from), seconds(to), Long.toString(agentsIn), Long.toString(callsIn), rate));
        }
        b.append(t.render());
    }

    private static List<String> row(String name, Histogram h, long max, long sum, long n) {
        return List.of(name, Long.toString(h.getValueAtPercentile(50)), Long.toString(h.getValueAtPercentile(90)),
                Long.toString(h.getValueAtPercentile(99)), Long.toString(max),
                String.format(Locale.ROOT, "%.1f", (double) sum / n));
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append(key).append(':').append(" ".repeat(Math.max(1, 26 - key.length()))).append(value).append('\n');
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / NS);
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : 100.0 * part / whole);
    }
}
