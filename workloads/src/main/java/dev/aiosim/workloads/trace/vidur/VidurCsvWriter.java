package dev.aiosim.workloads.trace.vidur;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.workloads.trace.aiosim.TraceAgent;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a flat request trace as Vidur's CSV ({@code arrived_at,num_prefill_tokens,num_decode_tokens};
 * arrival in seconds, Vidur, Agrawal et al., MLSys 2024) so that the same workload can be fed to
 * Vidur for comparison. Vidur replays independent requests, so only agents that make exactly one
 * LLM call can be written; a closed-loop session is refused. Decode tokens are the tokens the call
 * generates (its output cut at max-tokens); names, priorities and prefixes are not expressible.
 */
public final class VidurCsvWriter implements Closeable {
    public static final String HEADER = "arrived_at,num_prefill_tokens,num_decode_tokens";

    private final BufferedWriter out;
    private final String where;

    public VidurCsvWriter(Path file) {
        this.where = file.toString();
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the agent's one LLM call.
     *
     * @throws IllegalArgumentException when the agent is not exactly one LLM call
     */
    public void write(TraceAgent a) {
        long llm = a.syscalls().stream().filter(s -> s instanceof LlmCall).count();
        if (a.syscalls().size() != 1 || llm != 1) {
            throw new IllegalArgumentException("Vidur CSV can't express closed-loop sessions (one request per row): agent "
                    + a.pid() + " (" + a.name() + ") issues " + a.syscalls().size() + " syscalls, " + llm
                    + " of them LLM calls; convert to aiosim JSONL instead (--to aiosim)");
        }
        Syscall s = a.syscalls().get(0);
        LlmCall c = (LlmCall) s;
        try {
            out.write(seconds(a.arrivalNanos()));
            out.write(',');
            out.write(Integer.toString(c.promptTokens()));
            out.write(',');
            out.write(Integer.toString(c.tokensToGenerate()));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + where + ": " + e.getMessage(), e);
        }
    }

    /** Exact decimal seconds of a nanosecond count, without trailing zeros: 0, 1.5, 12.0000001. */
    static String seconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        long f = nanos % 1_000_000_000L;
        if (f == 0) {
            return Long.toString(s);
        }
        String frac = String.format(Locale.ROOT, "%09d", f).replaceFirst("0+$", "");
        return s + "." + frac;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + where + ": " + e.getMessage(), e);
        }
    }
}
