package dev.aiosim.workloads.trace.aiosim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.StorageCall;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes an aiosim JSONL trace: the header line {@code {"aiosim_trace":1,"source":...}}, then one
 * agent per line. Agents must come in non-decreasing arrival order. Default fields (priority 0,
 * weight 1, group "default", no max tokens) are left out.
 */
public final class AiosimTraceWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private long lastArrival;

    /**
     * @param out where the lines go (closed by {@link #close})
     * @param source free text for the header, may be null
     */
    public AiosimTraceWriter(Writer out, String source) {
        this.out = out;
        try (JsonGenerator g = generator()) {
            g.writeStartObject();
            g.writeNumberField("aiosim_trace", 1);
            if (source != null) {
                g.writeStringField("source", source);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newline();
    }

    private JsonGenerator generator() throws IOException {
        return JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private void newline() {
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one agent line. */
    public void write(TraceAgent a) {
        if (a.arrivalNanos() < lastArrival) {
            throw new IllegalArgumentException("agent " + a.pid() + " arrives at " + a.arrivalNanos()
                    + " ns, before the previous agent at " + lastArrival + " ns: agents must be in arrival order");
        }
        lastArrival = a.arrivalNanos();
        try (JsonGenerator g = generator()) {
            g.writeStartObject();
            g.writeNumberField("pid", a.pid());
            g.writeStringField("name", a.name());
            g.writeNumberField("arrival_ns", a.arrivalNanos());
            if (a.priority() != 0) {
                g.writeNumberField("priority", a.priority());
            }
            if (a.weight() != 1.0) {
                g.writeNumberField("weight", a.weight());
            }
            if (!a.group().equals("default")) {
                g.writeStringField("group", a.group());
            }
            g.writeArrayFieldStart("syscalls");
            for (Syscall s : a.syscalls()) {
                syscall(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newline();
    }

    private static void syscall(JsonGenerator g, Syscall s) throws IOException {
        g.writeStartObject();
        switch (s) {
            case LlmCall c -> {
                g.writeObjectFieldStart("llm");
                g.writeNumberField("prompt", c.promptTokens());
                g.writeNumberField("output", c.outputTokens());
                if (c.maxTokens() > 0) {
                    g.writeNumberField("max_tokens", c.maxTokens());
                }
                if (c.prefix() != null) {
                    prefix(g, c.prefix());
                }
                g.writeEndObject();
            }
            case ToolCall t -> {
                g.writeObjectFieldStart("tool");
                g.writeNumberField("latency_ns", t.latencyNanos());
                if (t.tool() != null) {
                    g.writeStringField("name", t.tool());
                }
                g.writeEndObject();
            }
            case MemoryCall m -> latency(g, "memory", m.latencyNanos(), m.op());
            case StorageCall st -> latency(g, "storage", st.latencyNanos(), st.op());
        }
        g.writeEndObject();
    }

    private static void latency(JsonGenerator g, String key, long nanos, String op) throws IOException {
        g.writeObjectFieldStart(key);
        g.writeNumberField("latency_ns", nanos);
        if (op != null) {
            g.writeStringField("op", op);
        }
        g.writeEndObject();
    }

    private static void prefix(JsonGenerator g, Prefix p) throws IOException {
        g.writeObjectFieldStart("prefix");
        switch (p) {
            case Prefix.Blocks b -> {
                g.writeNumberField("block_tokens", b.blockTokens());
                g.writeArrayFieldStart("ids");
                for (long id : b.ids()) {
                    g.writeNumber(id);
                }
                g.writeEndArray();
            }
            case Prefix.Session s -> {
                g.writeNumberField("session", s.session());
                g.writeNumberField("block_tokens", s.blockTokens());
            }
        }
        g.writeEndObject();
    }

    /** Flushes and closes the output. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
