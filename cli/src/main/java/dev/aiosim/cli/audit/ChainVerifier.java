package dev.aiosim.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks an {@code audit.jsonl} written by {@link HashChainWriter}, streaming: every line's
 * {@code seq} is its line number (a gap means lines were removed), every {@code prev} is the
 * SHA-256 of the line before (a mismatch means that line was altered), and the last line is the
 * {@code end} record with the right count (else lines were cut from the end).
 */
public final class ChainVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The outcome.
     *
     * @param ok whether the chain is whole
     * @param lines lines read
     * @param line the first line found altered or removed (1-based), 0 when ok
     * @param message one line saying what is wrong, or a summary when ok
     */
    public record Result(boolean ok, long lines, long line, String message) {}

    private ChainVerifier() {}

    public static Result verify(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        String expectedPrev = HashChainWriter.GENESIS;
        long n = 0;
        JsonNode last = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null; ) {
                n++;
                JsonNode rec;
                try {
                    rec = JSON.readTree(text);
                } catch (IOException e) {
                    return bad(n, n, "altered: not a JSON record");
                }
                if (rec == null || !rec.isObject() || !rec.path("seq").canConvertToLong() || !rec.path("prev").isTextual()) {
                    return bad(n, n, "altered: expected a record with seq and prev");
                }
                long seq = rec.path("seq").asLong();
                if (seq > n) {
                    return bad(n, n, "removed: the chain jumps from line " + (n - 1) + " to seq " + seq
                            + (seq - n == 1 ? " (line " + n + " is missing)" : " (lines " + n + " to " + (seq - 1) + " are missing)"));
                }
                if (seq < n) {
                    return bad(n, n, "altered: seq " + seq + " on line " + n);
                }
                if (!rec.path("prev").textValue().equals(expectedPrev)) {
                    return n == 1 ? bad(n, 1, "altered: the first line does not start the chain")
                            : bad(n, n - 1, "altered: its SHA-256 does not match the prev recorded on line " + n);
                }
                expectedPrev = HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
                last = rec;
            }
        }
        if (last == null) {
            return bad(0, 1, "removed: the file is empty (expected at least the end record)");
        }
        if ("end".equals(last.path("event").asText()) && last.path("lines").asLong(-1) != n - 1) {
            return bad(n, n, "altered: the end record counts " + last.path("lines").asText() + " lines before it, the file has " + (n - 1));
        }
        if (!"end".equals(last.path("event").asText())) {
            return bad(n, n + 1, "removed: the trail ends without its end record (lines cut from the end, or the run did not finish)");
        }
        return new Result(true, n, 0, n + " lines, chain intact");
    }

    private static Result bad(long read, long line, String what) {
        return new Result(false, read, line, "line " + line + ": " + what);
    }
}
