package dev.aiosim.workloads.trace.tracelab;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentProcess;
import dev.aiosim.kernel.process.AgentSource;
import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Prefix;
import dev.aiosim.kernel.process.Syscall;
import dev.aiosim.kernel.process.ToolCall;
import dev.aiosim.workloads.program.ScriptProgram;
import dev.aiosim.workloads.trace.CsvRows;
import dev.aiosim.workloads.trace.Fields;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.RowGroups;
import dev.aiosim.workloads.trace.RowSource;
import dev.aiosim.workloads.trace.TraceFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TraceLab replay CSV as agent arrivals, one session at a time, holding only the
 * current session's rounds (the session loop is {@link RowSource}'s, the grouping of rows into
 * sessions {@link RowGroups}', whose one-row lookahead finds where a session ends).
 *
 * <p>Mapping: the k-th session of the file (0-based) becomes agent pid k, named
 * {@code session-<session_id>}, priority 0, weight 1, group {@code default}, arriving at
 * {@code arrival_time} milliseconds (possibly fractional, kept to the nanosecond) as written. Its
 * {@link ScriptProgram} replays, closed loop, for each round r:
 * {@code LlmCall(prefix_len + input_len, output_len, 0, Prefix.Session(k, 16))}, then, when
 * {@code tool_wait_after_ms > 0}, {@code ToolCall("tool", tool_wait_after_ms)}; the next round
 * starts when both have completed. Block size 16 is vLLM's default; the session prefix names
 * block j of every round's context by (k, j), which matches TraceLab's meaning of
 * {@code prefix_len} (the part of the prompt the session already computed) when, as on every row
 * of the published {@code multi_session_large.csv}, prefix_len(r) = prompt(r-1) + output(r-1).
 * Where a round reuses less (one row of {@code multi_session_example.csv}: 784 = 664 + 120,
 * without the previous 48 output tokens), the session naming lets a prefix cache credit up to the
 * difference as reused; the kernel's {@link Prefix} has no way to express "prompt but not output"
 * for a session, and the reader does not check or alter the rows.
 *
 * <p>Order rules, so that a session can be streamed: the rows of a session are contiguous with
 * {@code round_idx} 0, 1, 2, ...; every row of a session repeats its {@code arrival_time}; and
 * sessions come in non-decreasing {@code arrival_time}. A session id that reappears later in the
 * file is caught by its {@code round_idx} not being 0 (a reappearance starting again at round 0
 * would be read as a new session); since the earlier part has been replayed by then, that error
 * stops the run even with {@link OnBadRow#SKIP}, as does a row with a damaged {@code session_id}
 * inside a session (its rows then start a "session" past round 0).
 *
 * <p>Bad rows, reported as {@code file:line: field: expected ..., got '...'}: a wrong number of
 * fields ({@code row}); a number that is not valid ({@code arrival_time} and
 * {@code tool_wait_after_ms} >= 0, {@code prefix_len} and {@code input_len} integers >= 0 with a
 * prompt of at least one token, {@code output_len} an integer >= 1); any break of the order
 * rules. With {@link OnBadRow#SKIP} a session with a bad row is left out whole, and every row of
 * it is counted in {@link AgentSource#skippedRows()}: replaying a session with a hole would replay a
 * different conversation. An empty file or a header without the needed columns always fails.
 */
public final class TraceLabParser implements RowSource.Parser<RowGroups.Group<CsvRows.Row>> {
    /** Tokens per KV block named by the session prefix (vLLM's default block size). */
    public static final int BLOCK_TOKENS = 16;
    private static final long MS = 1_000_000L;

    private final CsvRows rows;
    private final int arrivalCol;
    private final int roundCol;
    private final int prefixCol;
    private final int inputCol;
    private final int outputCol;
    private final int toolCol;

    private boolean started;
    private long lastArrival;
    private String lastArrivalText;

    /**
     * Opens a file for streaming replay.
     *
     * @throws TraceFormatException when the file is empty or its header lacks a needed column
     * @throws IllegalArgumentException when the file does not exist
     */
    public static AgentSource open(Path path, OnBadRow onBadRow) {
        CsvRows rows = new CsvRows(path, "the TraceLab replay header", TraceLabFormat.REQUIRED);
        int sessionCol = rows.column(TraceLabFormat.SESSION);
        RowGroups<CsvRows.Row> sessions = new RowGroups<>(rows,
                row -> sessionCol < row.record().size() ? row.record().get(sessionCol).trim() : "");
        return new RowSource<>(sessions, onBadRow, new TraceLabParser(rows));
    }

    private TraceLabParser(CsvRows rows) {
        this.rows = rows;
        this.arrivalCol = rows.column(TraceLabFormat.ARRIVAL);
        this.roundCol = rows.column(TraceLabFormat.ROUND);
        this.prefixCol = rows.column(TraceLabFormat.PREFIX);
        this.inputCol = rows.column(TraceLabFormat.INPUT);
        this.outputCol = rows.column(TraceLabFormat.OUTPUT);
        this.toolCol = rows.column(TraceLabFormat.TOOL_WAIT);
    }

    /** The session being read: its rounds so far. */
    private static final class Session {
        final String id;
        final long pid;
        final List<Syscall> script = new ArrayList<>();
        int rounds;
        long arrival;
        String arrivalText;

        Session(String id, long pid) {
            this.id = id;
            this.pid = pid;
        }
    }

    @Override
    public AgentArrival parse(RowGroups.Group<CsvRows.Row> group, long pid) {
        Session s = new Session(group.key(), pid);
        for (CsvRows.Row row = group.next(); row != null; row = group.next()) {
            round(s, row);
        }
        started = true;
        lastArrival = s.arrival;
        lastArrivalText = s.arrivalText;
        AgentProcess agent = new AgentProcess(s.pid, "session-" + s.id, 0, 1.0, "default",
                new ScriptProgram(s.script));
        return new AgentArrival(s.arrival, agent);
    }

    /** Checks one row of session {@code s} and appends its round to the script. */
    private void round(Session s, CsvRows.Row row) {
        rows.checkWidth(row);
        Fields.At at = row.at();
        if (s.id.isEmpty()) {
            throw at.error(TraceLabFormat.SESSION, "a session id", "");
        }
        String arrivalText = row.record().get(arrivalCol).trim();
        long arrival = Fields.time(at, TraceLabFormat.ARRIVAL, arrivalText, MS, "milliseconds");
        String roundText = row.record().get(roundCol).trim();
        int round = Fields.integer(at, TraceLabFormat.ROUND, roundText, 0, "");
        if (round != s.rounds && s.rounds == 0) {
            // a session that starts past round 0 is the rest of one already replayed (or one whose
            // session_id was damaged): dropping it would leave that session replayed in part
            throw at.structureError(TraceLabFormat.ROUND, "0 (the first row of session " + s.id
                    + "; the rows of a session must be contiguous and in order)", roundText);
        }
        if (round != s.rounds) {
            throw at.error(TraceLabFormat.ROUND, s.rounds == 0
                    ? "0 (the first row of session " + s.id + "; the rows of a session must be contiguous and in order)"
                    : s.rounds + " (rounds of session " + s.id + " must be contiguous and in order)", roundText);
        }
        if (s.rounds == 0) {
            if (started && arrival < lastArrival) {
                throw at.error(TraceLabFormat.ARRIVAL, "a time not before the previous session's " + lastArrivalText
                        + " (sessions must be in arrival order)", arrivalText);
            }
            s.arrival = arrival;
            s.arrivalText = arrivalText;
        } else if (arrival != s.arrival) {
            throw at.error(TraceLabFormat.ARRIVAL, s.arrivalText + " (the arrival of session " + s.id
                    + ", as on its first row)", arrivalText);
        }
        int prefix = Fields.integer(at, TraceLabFormat.PREFIX, row.record().get(prefixCol), 0, "");
        int input = Fields.integer(at, TraceLabFormat.INPUT, row.record().get(inputCol), 0, "");
        long prompt = (long) prefix + input;
        if (prompt < 1 || prompt > Integer.MAX_VALUE) {
            throw at.error(TraceLabFormat.INPUT, "an integer making prefix_len + input_len between 1 and "
                    + Integer.MAX_VALUE, row.record().get(inputCol).trim());
        }
        int output = Fields.integer(at, TraceLabFormat.OUTPUT, row.record().get(outputCol), 1,
                " (a call generates at least one token)");
        long tool = Fields.time(at, TraceLabFormat.TOOL_WAIT, row.record().get(toolCol), MS, "milliseconds");
        s.script.add(new LlmCall((int) prompt, output, 0, new Prefix.Session(s.pid, BLOCK_TOKENS)));
        if (tool > 0) {
            s.script.add(new ToolCall("tool", tool));
        }
        s.rounds++;
    }
}
