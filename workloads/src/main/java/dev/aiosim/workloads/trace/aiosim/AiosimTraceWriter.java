package dev.aiosim.workloads.trace.aiosim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aiosim.kernel.process.FanOut;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes agents as an aiosim JSONL trace (the header, then one line per agent), streaming: each
 * agent is written as it comes. Exists so that a conversion or a live run records its workload
 * in the one format that can express all others.
 *
 * <p>Output is deterministic: keys in a fixed order, integers as integers, the weight with Java's
 * shortest round-tripping decimal, fields at their default value left out ({@code priority} 0,
 * {@code weight} 1.0, {@code group} "default", {@code max_tokens} 0, absent tool/op names).
 * Agents must come in non-decreasing arrival order, as the reader requires; pids are not checked
 * for uniqueness here (the reader does).
 */
public final class AiosimTraceWriter implements Closeable {
    private final JsonGenerator json;
    private final String where;
    private long lastArrival;
    private long agents;

    /**
     * @param out where the lines go; closed by {@link #close()}
     * @param source free text for the header's {@code source} (where the trace came from), or null
     */
    public AiosimTraceWriter(Writer out, String source) {
        this(out, source, "trace");
    }

    /** Creates (or replaces) {@code file}, gzip-compressed when its name ends in {@code .gz}. */
    public AiosimTraceWriter(Path file, String source) {
        this(open(file), source, file.toString());
    }

    private AiosimTraceWriter(Writer out, String source, String where) {
        this.where = where;
        try {
            this.json = new JsonFactory().setRootValueSeparator(null).createGenerator(out);
            json.writeStartObject();
            json.writeNumberField(AiosimJson.VERSION, AiosimJson.CURRENT_VERSION);
            if (source != null) {
                json.writeStringField(AiosimJson.SOURCE, source);
            }
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static Writer open(Path file) {
        try {
            OutputStream out = Files.newOutputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                out = new GZIPOutputStream(out, 1 << 16);
            }
            return new OutputStreamWriter(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one agent as one line.
     *
     * @throws IllegalArgumentException when it arrives before the previous agent
     */
    public void write(TraceAgent a) {
        if (agents > 0 && a.arrivalNanos() < lastArrival) {
            throw new IllegalArgumentException("agent " + a.pid() + " arrives at " + a.arrivalNanos()
                    + " ns, before the previous agent (" + lastArrival + " ns); an aiosim trace is in arrival order");
        }
        try {
            json.writeStartObject();
            json.writeNumberField(AiosimJson.PID, a.pid());
            json.writeStringField(AiosimJson.NAME, a.name());
            json.writeNumberField(AiosimJson.ARRIVAL, a.arrivalNanos());
            if (a.priority() != 0) {
                json.writeNumberField(AiosimJson.PRIORITY, a.priority());
            }
            if (a.weight() != 1.0) {
                json.writeNumberField(AiosimJson.WEIGHT, a.weight());
            }
            if (!a.group().equals(AiosimJson.DEFAULT_GROUP)) {
                json.writeStringField(AiosimJson.GROUP, a.group());
            }
            json.writeArrayFieldStart(AiosimJson.SYSCALLS);
            for (Syscall s : a.syscalls()) {
                syscall(s);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw failed(e);
        }
        lastArrival = a.arrivalNanos();
        agents++;
    }

    private void syscall(Syscall s) throws IOException {
        json.writeStartObject();
        switch (s) {
            case LlmCall c -> {
                json.writeObjectFieldStart(AiosimJson.LLM);
                json.writeNumberField(AiosimJson.PROMPT, c.promptTokens());
                json.writeNumberField(AiosimJson.OUTPUT, c.outputTokens());
                if (c.maxTokens() != 0) {
                    json.writeNumberField(AiosimJson.MAX_TOKENS, c.maxTokens());
                }
                if (c.prefix() != null) {
                    prefix(c.prefix());
                }
                json.writeEndObject();
            }
            case ToolCall t -> {
                json.writeObjectFieldStart(AiosimJson.TOOL);
                json.writeNumberField(AiosimJson.LATENCY, t.latencyNanos());
                if (t.tool() != null) {
                    json.writeStringField(AiosimJson.TOOL_NAME, t.tool());
                }
                json.writeEndObject();
            }
            case MemoryCall m -> resource(AiosimJson.MEMORY, m.latencyNanos(), m.op(), m.bytes(), AiosimJson.ITEM, m.item(),
                    m.target());
            case StorageCall m -> resource(AiosimJson.STORAGE, m.latencyNanos(), m.op(), m.bytes(), AiosimJson.FILE, m.file(),
                    m.target());
            case FanOut f -> {
                json.writeArrayFieldStart(AiosimJson.PARALLEL);
                for (Syscall child : f.calls()) {
                    syscall(child);
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }

    private void prefix(Prefix p) throws IOException {
        json.writeObjectFieldStart(AiosimJson.PREFIX);
        switch (p) {
            case Prefix.Blocks b -> {
                json.writeNumberField(AiosimJson.BLOCK_TOKENS, b.blockTokens());
                json.writeArrayFieldStart(AiosimJson.IDS);
                for (int k = 0; k < b.size(); k++) {
                    json.writeNumber(b.blockId(k));
                }
                json.writeEndArray();
            }
            case Prefix.Session s -> {
                json.writeNumberField(AiosimJson.SESSION, s.session());
                json.writeNumberField(AiosimJson.BLOCK_TOKENS, s.blockTokens());
            }
        }
        json.writeEndObject();
    }

    /** A memory or storage call; size, name and target only when they are not the defaults (old files stay as they were). */
    private void resource(String kind, long latency, String op, long size, String nameKey, String name, long target)
            throws IOException {
        json.writeObjectFieldStart(kind);
        json.writeNumberField(AiosimJson.LATENCY, latency);
        if (op != null) {
            json.writeStringField(AiosimJson.OP, op);
        }
        if (size != 0) {
            json.writeNumberField(AiosimJson.SIZE, size);
        }
        if (name != null) {
            json.writeStringField(nameKey, name);
        }
        if (target != MemoryCall.SELF) {
            json.writeNumberField(AiosimJson.TARGET, target);
        }
        json.writeEndObject();
    }

    /** Agents written so far. */
    public long agents() {
        return agents;
    }

    /** Flushes buffered lines to the underlying writer. */
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() {
        try {
            json.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write " + where + ": " + e.getMessage(), e);
    }
}
