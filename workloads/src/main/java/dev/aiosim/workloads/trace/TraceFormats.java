package dev.aiosim.workloads.trace;

import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.workloads.trace.aiosim.AiosimFormat;
import dev.aiosim.workloads.trace.azure.AzureLlmFormat;
import dev.aiosim.workloads.trace.burstgpt.BurstGptFormat;
import dev.aiosim.workloads.trace.llmservingsim.LlmServingSimFormat;
import dev.aiosim.workloads.trace.llmservingsim.LlmServingSimSessionsFormat;
import dev.aiosim.workloads.trace.mooncake.MooncakeFormat;
import dev.aiosim.workloads.trace.tracelab.TraceLabFormat;
import dev.aiosim.workloads.trace.vidur.VidurFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of trace formats: look one up by name or detect it from a file's first line.
 * Adding a format = one package implementing {@link TraceFormat} plus one line in {@link #FORMATS}.
 */
public final class TraceFormats {
    private static final List<TraceFormat> FORMATS = List.of(
            new AzureLlmFormat(),
            new BurstGptFormat(),
            new VidurFormat(),
            new TraceLabFormat(),
            new MooncakeFormat(),
            new LlmServingSimSessionsFormat(),
            new LlmServingSimFormat(),
            new AiosimFormat());

    private TraceFormats() {}

    /** Every registered format, in detection order. */
    public static List<TraceFormat> all() {
        return FORMATS;
    }

    /** The names (not aliases) of every registered format. */
    public static List<String> names() {
        return FORMATS.stream().map(TraceFormat::name).toList();
    }

    /** The format with this name or alias, case-insensitive. */
    public static Optional<TraceFormat> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TraceFormat f : FORMATS) {
            if (f.name().equals(n) || f.aliases().contains(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format of a file, from its first line.
     *
     * @throws TraceFormatException when the file is empty or no format accepts its first line
     */
    public static TraceFormat detect(Path file) {
        String first = TraceFiles.firstLine(file);
        if (first == null || first.isBlank()) {
            throw new TraceFormatException(file.toString(), 1, "header", "a header line (the file is empty)", "");
        }
        for (TraceFormat f : FORMATS) {
            if (f.accepts(first)) {
                return f;
            }
        }
        List<String> known = new ArrayList<>();
        for (TraceFormat f : FORMATS) {
            known.add(f.name() + " (" + f.description() + ")");
        }
        throw new TraceFormatException(file.toString(), 1, "header",
                "the first line of a known trace format: " + String.join("; ", known), first);
    }

    /**
     * Opens a trace for streaming replay.
     *
     * @param format a format name or alias, or null to detect it from the header
     * @throws IllegalArgumentException for an unknown format name (listing the known ones) or a missing file
     * @throws TraceFormatException for a file not in the format
     */
    public static AgentSource open(Path file, String format, OnBadRow onBadRow) {
        TraceFormat f;
        if (format == null) {
            f = detect(file);
        } else {
            f = byName(format).orElseThrow(() -> new IllegalArgumentException("unknown trace format '" + format
                    + "', expected one of " + String.join(", ", names())));
        }
        return f.open(file, onBadRow);
    }
}
