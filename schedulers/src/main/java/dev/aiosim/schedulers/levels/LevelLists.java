package dev.aiosim.schedulers.levels;

/**
 * One FIFO list per level, linked through the {@link LevelState}s themselves, so appending,
 * removing any call (promotion, cancellation) and finding the first call of the highest
 * non-empty level cost O(1) and allocate nothing; a bit per level marks the non-empty ones.
 */
final class LevelLists {
    private final LevelState[] heads;
    private final LevelState[] tails;
    private long nonEmpty;
    private int size;

    LevelLists(int levels) {
        heads = new LevelState[levels];
        tails = new LevelState[levels];
    }

    int size() {
        return size;
    }

    /** The oldest call of the highest non-empty level, or null. */
    LevelState first() {
        return nonEmpty == 0 ? null : heads[Long.numberOfTrailingZeros(nonEmpty)];
    }

    /** The oldest call of level {@code k}, or null. */
    LevelState head(int k) {
        return heads[k];
    }

    void addLast(LevelState s) {
        int k = s.level;
        s.next = null;
        s.prev = tails[k];
        if (tails[k] == null) {
            heads[k] = s;
            nonEmpty |= 1L << k;
        } else {
            tails[k].next = s;
        }
        tails[k] = s;
        size++;
    }

    /** Unlinks {@code s} from the list of its level, which must hold it. */
    void remove(LevelState s) {
        int k = s.level;
        if (s.prev == null) {
            heads[k] = s.next;
        } else {
            s.prev.next = s.next;
        }
        if (s.next == null) {
            tails[k] = s.prev;
        } else {
            s.next.prev = s.prev;
        }
        if (heads[k] == null) {
            nonEmpty &= ~(1L << k);
        }
        s.prev = null;
        s.next = null;
        size--;
    }
}
