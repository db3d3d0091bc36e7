package dev.aiosim.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The memory manager's latencies, hit counts and eviction order, computed by hand on tiny cases. */
class MemoryManagerTest {
    static final long HIT = 10_000; // 10 us
    static final long MISS = 1_000_000; // 1 ms
    static final double BW = 1e9; // 1 GB/s: 1 ns per byte

    static MemoryManager manager(long ram, int k) {
        return new MemoryManager(new MemoryConfig(ram, k, HIT, MISS, BW));
    }

    @Test
    void hitsMissesLatenciesAndBytesMovedByHand() {
        MemoryManager m = manager(200, 1);
        assertThat(m.serve(1, "write", "x", 100)).isEqualTo(new MemoryOutcome(HIT, false, false));
        assertThat(m.serve(1, "write", "y", 100)).isEqualTo(new MemoryOutcome(HIT, false, false));
        // z evicts x (least recently used)
        assertThat(m.serve(1, "alloc", "z", 100)).isEqualTo(new MemoryOutcome(HIT, false, false));
        assertThat(m.inRam(1, "x")).isFalse();
        // x is in the storage tier: miss = 1 ms + 100 B at 1 GB/s = 1 ms + 100 ns; it evicts y
        assertThat(m.serve(1, "read", "x", 0)).isEqualTo(new MemoryOutcome(MISS + 100, false, true));
        assertThat(m.inRam(1, "y")).isFalse();
        assertThat(m.serve(1, "read", "z", 0)).isEqualTo(new MemoryOutcome(HIT, true, false));
        assertThat(m.serve(1, "read", "x", 0)).isEqualTo(new MemoryOutcome(HIT, true, false));
        MemoryCounters c = m.counters();
        assertThat(c.ops()).isEqualTo(6);
        assertThat(c.hits()).isEqualTo(2);
        assertThat(c.misses()).isEqualTo(1);
        assertThat(c.hitRate()).isEqualTo(2 / 3.0);
        assertThat(c.evictions()).isEqualTo(2); // x, then y
        assertThat(c.bytesMoved()).isEqualTo(300); // x out, x back, y out
        assertThat(c.ramPeakBytes()).isEqualTo(200);
        assertThat(m.ramUsed()).isEqualTo(200);
    }

    /** A item used three times survives a scan of two new items under LRU-2, not under LRU. */
    @Test
    void lruEvictsTheLeastRecentLruKTheOneWithTheOldestKthAccess() {
        for (int k : new int[] {1, 2}) {
            MemoryManager m = manager(300, k);
            m.serve(1, "write", "a", 100); // access 1
            m.serve(1, "read", "a", 0);    // 2
            m.serve(1, "read", "a", 0);    // 3
            m.serve(1, "write", "b", 100); // 4
            m.serve(1, "write", "c", 100); // 5
            m.serve(1, "write", "d", 100); // 6: one must go
            if (k == 1) {
                assertThat(m.inRam(1, "a")).as("LRU evicts a, used last at access 3").isFalse();
                assertThat(m.inRam(1, "b")).isTrue();
            } else {
                assertThat(m.inRam(1, "a")).as("LRU-2: a's 2nd most recent access is 2, b has only one").isTrue();
                assertThat(m.inRam(1, "b")).as("LRU-2 evicts b: infinite backward 2-distance, older than c").isFalse();
            }
            assertThat(m.inRam(1, "c")).isTrue();
            assertThat(m.inRam(1, "d")).isTrue();
        }
    }

    @Test
    void lruKAmongItemsWithKAccessesEvictsTheOldestKthAccess() {
        MemoryManager m = manager(200, 2);
        m.serve(1, "write", "a", 100); // 1
        m.serve(1, "write", "b", 100); // 2
        m.serve(1, "read", "b", 0);    // 3: b's 2nd-last = 2
        m.serve(1, "read", "a", 0);    // 4: a's 2nd-last = 1, last = 4 (most recent!)
        m.serve(1, "write", "c", 100); // 5: both have 2 accesses; a's 2nd-last (1) is older
        assertThat(m.inRam(1, "a")).isFalse();
        assertThat(m.inRam(1, "b")).isTrue();
    }

    @Test
    void anItemLargerThanRamLivesInTheStorageTier() {
        MemoryManager m = manager(100, 1);
        m.serve(1, "write", "small", 50);
        MemoryOutcome big = m.serve(1, "write", "big", 1000);
        assertThat(big).isEqualTo(new MemoryOutcome(MISS + 1000, false, true));
        assertThat(m.inRam(1, "small")).as("nothing evicted for an item that cannot fit").isTrue();
        assertThat(m.serve(1, "read", "big", 0)).isEqualTo(new MemoryOutcome(MISS + 1000, false, true));
        assertThat(m.counters().misses()).isEqualTo(2);
        assertThat(m.counters().bytesMoved()).isEqualTo(2000);
    }

    @Test
    void clearRemovesOneItemOrAllOfAnOwnersAndReadsOfMissingItemsAreNotFound() {
        MemoryManager m = manager(1000, 1);
        m.serve(1, "write", "a", 100);
        m.serve(1, "write", "b", 100);
        m.serve(2, "write", "a", 100);
        assertThat(m.serve(1, "clear", "a", 0)).isEqualTo(new MemoryOutcome(HIT, false, false));
        assertThat(m.has(1, "a")).isFalse();
        assertThat(m.has(1, "b")).isTrue();
        m.serve(1, "clear", null, 0);
        assertThat(m.has(1, "b")).isFalse();
        assertThat(m.has(2, "a")).as("another owner's item of the same name").isTrue();
        assertThat(m.ramUsed()).isEqualTo(100);
        assertThat(m.serve(1, "read", "a", 0)).isEqualTo(new MemoryOutcome(HIT, false, false));
        assertThat(m.counters().notFound()).isEqualTo(1);
    }

    /** Random operations: RAM never over capacity, and its use equals the resident items' sizes. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void ramNeverOverCapacityUnderRandomOperations(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int k = 1 + rnd.nextInt(3);
        long ram = 500 + rnd.nextInt(1000);
        MemoryManager m = manager(ram, k);
        String[] ops = {"alloc", "read", "write", "clear"};
        List<long[]> seen = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long owner = rnd.nextInt(4);
            String item = "i" + rnd.nextInt(6);
            String op = ops[rnd.nextInt(ops.length)];
            if (op.equals("clear") && rnd.nextInt(4) != 0) {
                op = "read";
            }
            m.serve(owner, op, item, rnd.nextInt(400));
            assertThat(m.ramUsed()).isBetween(0L, ram);
            seen.add(new long[] {owner});
        }
        long resident = 0;
        for (long owner = 0; owner < 4; owner++) {
            for (int j = 0; j < 6; j++) {
                if (m.inRam(owner, "i" + j)) {
                    resident += m.size(owner, "i" + j);
                }
            }
        }
        assertThat(resident).isEqualTo(m.ramUsed());
        MemoryCounters c = m.counters();
        assertThat(c.ops()).isEqualTo(2000);
        assertThat(c.hits() + c.misses() + c.notFound()).isLessThanOrEqualTo(c.ops());
    }

    @Test
    void configIsRangeChecked() {
        assertThatThrownBy(() -> new MemoryConfig(0, 1, 0, 0, 1)).hasMessageContaining("ram");
        assertThatThrownBy(() -> new MemoryConfig(1, 0, 0, 0, 1)).hasMessageContaining("k must be from 1");
        assertThatThrownBy(() -> new MemoryConfig(1, 17, 0, 0, 1)).hasMessageContaining("k must be from 1");
        assertThatThrownBy(() -> new MemoryConfig(1, 1, 0, 0, 0)).hasMessageContaining("bandwidth");
    }
}
