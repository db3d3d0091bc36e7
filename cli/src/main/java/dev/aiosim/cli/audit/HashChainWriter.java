package dev.aiosim.cli.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.aiosim.kernel.audit.AuditEvent;
import dev.aiosim.kernel.audit.AuditSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes {@code audit.jsonl} as the kernel reports, streamed (nothing is held but the line being
 * written): each line is one JSON object whose {@code prev} is the SHA-256 (hex) of the previous
 * line's bytes, {@link #GENESIS} for the first, and whose {@code seq} is its line number; a run
 * starts with a {@code run} record and the file ends with an {@code end} record giving the line
 * count, so lines cut from the end are detected too. Fields: {@code seq, prev, t_ns, event, pid,
 * call, engine, detail} ({@code -1}: none; {@code detail} only when there is one).
 */
public final class HashChainWriter implements AuditSink, AutoCloseable {
    /** The {@code prev} of the first line: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final JsonGenerator json;
    private final MessageDigest sha;
    private String prev = GENESIS;
    private long seq;

    /** Writes to {@code out}, which this writer closes. */
    public HashChainWriter(OutputStream out) {
        this.out = out;
        try {
            this.json = JSON.createGenerator(line);
            this.json.setRootValueSeparator(null);
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    @Override
    public boolean on() {
        return true;
    }

    /** A run of the invocation starts: its policy and seed. */
    public void run(String policy, long seed) {
        try {
            begin();
            json.writeNumberField("t_ns", 0);
            json.writeStringField("event", "run");
            json.writeStringField("policy", policy);
            json.writeNumberField("seed", seed);
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit.jsonl", e);
        }
    }

    @Override
    public void record(long now, AuditEvent event, long pid, long callId, int engine, String detail) {
        try {
            begin();
            json.writeNumberField("t_ns", now);
            json.writeStringField("event", event.label());
            json.writeNumberField("pid", pid);
            json.writeNumberField("call", callId);
            json.writeNumberField("engine", engine);
            if (detail != null) {
                json.writeStringField("detail", detail);
            }
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit.jsonl", e);
        }
    }

    private void begin() throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", ++seq);
        json.writeStringField("prev", prev);
    }

    private void end() throws IOException {
        json.writeEndObject();
        json.flush();
        byte[] bytes = line.toByteArray();
        line.reset();
        out.write(bytes);
        out.write('\n');
        prev = HexFormat.of().formatHex(sha.digest(bytes));
    }

    /** Lines written so far. */
    public long lines() {
        return seq;
    }

    /** Writes the {@code end} record and closes the file. */
    @Override
    public void close() {
        try (out) {
            begin();
            json.writeStringField("event", "end");
            json.writeNumberField("lines", seq - 1); // the lines before it
            end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit.jsonl", e);
        }
    }
}
