package dev.aiosim.workloads.trace;

import java.util.Objects;
import java.util.function.Function;

/**
 * A trace whose unit is a run of consecutive rows with the same key (a session of several
 * rounds), read lazily: a {@link Group} hands out its rows one at a time and ends at the first
 * row of another key, which becomes the first row of the next group. Exists so that a
 * session-per-agent reader runs on {@link RowSource} like the row-per-agent ones: a bad session
 * is skipped whole and counted by its rows, and with {@code fail} the first bad row stops the
 * replay before any later row is read.
 *
 * @param <R> a row as the file's reader hands it out
 */
public final class RowGroups<R> implements RowSource.Rows<RowGroups.Group<R>> {
    private final RowSource.Rows<R> rows;
    private final Function<R, String> key;
    private R lookahead;
    private Group<R> current;

    /**
     * @param rows the rows, in file order
     * @param key a row's group key (e.g. its session id)
     */
    public RowGroups(RowSource.Rows<R> rows, Function<R, String> key) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** One run of rows with the same key. */
    public static final class Group<R> {
        private final RowGroups<R> owner;
        private final String key;
        private R first;
        private long size;
        private boolean ended;

        private Group(RowGroups<R> owner, String key, R first) {
            this.owner = owner;
            this.key = key;
            this.first = first;
        }

        /** The key all the group's rows share. */
        public String key() {
            return key;
        }

        /** The group's next row, or null after its last one (the row after it is then read and kept for the next group). */
        public R next() {
            if (first != null) {
                R r = first;
                first = null;
                size++;
                return r;
            }
            if (ended) {
                return null;
            }
            R r = owner.rows.next();
            if (r == null || !owner.key.apply(r).equals(key)) {
                owner.lookahead = r;
                ended = true;
                return null;
            }
            size++;
            return r;
        }

        /** Reads the rest of the group; returns how many rows it has. */
        long finish() {
            while (next() != null) {
                // read on to the end of the group
            }
            return size;
        }
    }

    /** The next group (the previous one is read to its end first), or null at the end of the file. */
    @Override
    public Group<R> next() {
        if (current != null) {
            current.finish();
        }
        R r = lookahead != null ? lookahead : rows.next();
        lookahead = null;
        current = r == null ? null : new Group<>(this, key.apply(r), r);
        return current;
    }

    /** A group's rows, read to its end. */
    @Override
    public long rowsIn(Group<R> group) {
        return group.finish();
    }

    @Override
    public void close() {
        rows.close();
    }
}
