package dev.aiosim.cli.results;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run's {@code calls.csv}, {@code agents.csv} and {@code timeline.csv} rows (no header), held until the run's turn
 * to be appended: in temporary files of the results folder for a run on this machine (so memory
 * stays bounded however many calls it had), in memory for a run that came back from a remote
 * worker, or nowhere when the rows were already streamed into place.
 */
public sealed interface RunRows extends Serializable {
    /** Rows already written where they belong. */
    RunRows NONE = new None();

    /** Removes what holds the rows (temporary files); harmless twice. */
    default void discard() {}

    /** Rows streamed straight into the folder's files. */
    record None() implements RunRows {}

    /**
     * Rows in temporary files.
     *
     * @param calls the file of call rows
     * @param agents the file of agent rows
     * @param timeline the file of timeline rows (empty when the run took no samples)
     */
    record InFiles(String calls, String agents, String timeline) implements RunRows {
        @Override
        public void discard() {
            try {
                Files.deleteIfExists(Path.of(calls));
                Files.deleteIfExists(Path.of(agents));
                Files.deleteIfExists(Path.of(timeline));
            } catch (IOException e) {
                // temporary files of ours; a later --out into this folder removes them
            }
        }
    }

    /**
     * Rows as UTF-8 bytes.
     *
     * @param calls call rows
     * @param agents agent rows
     * @param timeline timeline rows (empty when the run took no samples)
     */
    record InBytes(byte[] calls, byte[] agents, byte[] timeline) implements RunRows {}
}
