package dev.aiosim.workloads.trace;

import dev.aiosim.kernel.process.AgentArrival;
import dev.aiosim.kernel.process.AgentSource;
import java.io.Closeable;
import java.util.Objects;

/**
 * A trace streamed one row at a time, each row one agent: data row k becomes pid k (bad and
 * filtered rows keep their number, so pids agree between {@code fail} and {@code skip}), a bad
 * row fails or is skipped and counted by {@link BadRows}, and a row the format's documented rule
 * leaves out is counted in {@link #filteredRows()}. The loop every reader shares; a reader
 * supplies only its {@link Rows} (a row may be a group of lines, as a session in
 * {@link RowGroups}) and its {@link Parser}.
 *
 * @param <R> a row as the file's reader hands it out
 */
public final class RowSource<R> implements AgentSource {

    /** Where rows come from. */
    public interface Rows<R> extends Closeable {
        /** The next row, or null at the end. */
        R next();

        /**
         * How many lines of the file {@code row} stands for, reading on to its end if need be: a
         * skipped row counts this many in {@link #skippedRows()}. 1 unless a row is a group of lines.
         */
        default long rowsIn(R row) {
            return 1;
        }

        @Override
        void close();
    }

    /** What one row means. */
    @FunctionalInterface
    public interface Parser<R> {
        /**
         * @param row the row
         * @param pid the agent's pid: the row's index among data rows
         * @return the row's agent, or null when the format's rule filters the row out
         * @throws TraceFormatException when the row is bad
         */
        AgentArrival parse(R row, long pid);
    }

    private final Rows<R> rows;
    private final BadRows bad;
    private final Parser<R> parser;
    private long dataRows;
    private long filtered;

    public RowSource(Rows<R> rows, OnBadRow onBadRow, Parser<R> parser) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.bad = new BadRows(onBadRow);
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    @Override
    public AgentArrival next() {
        for (R next = rows.next(); next != null; next = rows.next()) {
            R row = next;
            long pid = dataRows++;
            try {
                AgentArrival a = parser.parse(row, pid);
                if (a != null) {
                    return a;
                }
                filtered++;
            } catch (TraceFormatException e) {
                bad.handle(e, () -> rows.rowsIn(row));
            }
        }
        return null;
    }

    @Override
    public long skippedRows() {
        return bad.skipped();
    }

    @Override
    public long filteredRows() {
        return filtered;
    }

    @Override
    public void close() {
        rows.close();
    }
}
