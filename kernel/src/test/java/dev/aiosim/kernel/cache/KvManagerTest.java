package dev.aiosim.kernel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.InvariantViolation;
import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.process.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KvManagerTest {
    private final EngineStats stats = new EngineStats(0);

    private static Prefix blocks(long... ids) {
        return new Prefix.Blocks(4, ids);
    }

    private static List<Long> lru(KvManager kv) {
        List<Long> ids = new ArrayList<>();
        kv.prefixCache().forEachEvictable(b -> ids.add(b.id()));
        return ids;
    }

    @Test
    void withoutPrefixTheWholeContextIsTheCallsOwnAndGrowsAndIsFreedByToken() {
        KvManager kv = new KvManager(0, 100, false, stats);
        KvAllocation a = kv.track("a", null, 10);
        assertThat(a.cached()).isFalse();
        assertThat(kv.admissionNeed(a, 10)).isEqualTo(11);

        assertThat(kv.allocate(a, 10, true)).isNull();
        assertThat(a.held()).isTrue();
        assertThat(kv.usedTokens()).isEqualTo(10);
        assertThat(kv.holders()).isEqualTo(1);
        assertThat(kv.freeTokens()).isEqualTo(100 - 10 - 1); // its next token is reserved
        kv.grow(a);
        kv.grow(a);
        assertThat(a.tokens()).isEqualTo(12);
        assertThat(kv.usedTokens()).isEqualTo(12);
        assertThat(kv.contextTokens()).isEqualTo(12);
        assertThat(kv.preemptionGain(a, 12)).isEqualTo(13);
        kv.audit();

        assertThat(kv.free(a)).isEqualTo(12);
        assertThat(a.held()).isFalse();
        assertThat(kv.usedTokens()).isZero();
        assertThat(kv.contextTokens()).isZero();
        assertThat(kv.freeTokens()).isEqualTo(100);
        assertThat(stats.lookups()).isZero();
    }

    @Test
    void aPrefixHitSkipsPrefillAndSharedBlocksAreCountedOnce() {
        KvManager kv = new KvManager(0, 100, true, stats);
        KvAllocation a = kv.track("a", blocks(1, 2, 3), 14);
        BlockTable.Admission first = kv.allocate(a, 14, true);
        assertThat(first.hitTokens()).isZero();
        assertThat(first.missingTokens()).isEqualTo(12);
        assertThat(first.prefillTokens(14)).isEqualTo(14);
        assertThat(kv.usedTokens()).isEqualTo(14); // 12 in cached blocks + 2 private

        KvAllocation b = kv.track("b", blocks(1, 2, 3), 13);
        assertThat(kv.admissionNeed(b, 13)).isEqualTo(13 + 1 - 12); // its blocks are already referenced
        BlockTable.Admission second = kv.allocate(b, 13, true);
        assertThat(second.hitTokens()).isEqualTo(12);
        assertThat(second.prefillTokens(13)).isEqualTo(1);
        assertThat(kv.usedTokens()).isEqualTo(14 + 1); // the 12 shared tokens once, 2 + 1 private
        assertThat(kv.contextTokens()).isEqualTo(14 + 13); // each call attends over its whole context
        assertThat(kv.prefixCache().refSum()).isEqualTo(6);
        assertThat(kv.preemptionGain(b, 13)).isEqualTo(2); // only its private token and its next one
        assertThat(stats.lookups()).isEqualTo(2);
        assertThat(stats.hitTokens()).isEqualTo(12);
        assertThat(stats.prefillTokensSaved()).isEqualTo(12);
        kv.audit();

        assertThat(kv.free(a)).isEqualTo(2);
        assertThat(lru(kv)).isEmpty(); // b still references every block
        assertThat(kv.free(b)).isEqualTo(1);
        assertThat(kv.usedTokens()).isEqualTo(12); // the blocks stay cached, unreferenced
        assertThat(kv.freeTokens()).isEqualTo(100); // and count as free
        assertThat(lru(kv)).containsExactly(3L, 2L, 1L);
        kv.audit();
    }

    @Test
    void aSwapResumeReferencesItsResidentBlocksWithoutHitsOrLookup() {
        KvManager kv = new KvManager(0, 100, true, stats);
        KvAllocation a = kv.track("a", blocks(1, 2), 9);
        kv.allocate(a, 9, true);
        kv.free(a);
        kv.evictOne(); // block 2 goes, block 1 stays
        BlockTable.Admission resumed = kv.allocate(a, 9, false);
        assertThat(resumed.hitTokens()).isZero();
        assertThat(resumed.residentTokens()).isEqualTo(4);
        assertThat(resumed.missingTokens()).isEqualTo(4);
        assertThat(stats.lookups()).isEqualTo(1); // the first admission only
        assertThat(kv.usedTokens()).isEqualTo(9);
        kv.audit();
    }

    @Test
    void aSessionReferencesEachBlockAsItFillsAndSharesOneAlreadyCached() {
        KvManager kv = new KvManager(0, 100, true, stats);
        KvAllocation a = kv.track("a", new Prefix.Session(7, 4), 6);
        kv.allocate(a, 6, true);
        assertThat(kv.usedTokens()).isEqualTo(6);
        kv.grow(a);
        kv.grow(a); // 8 tokens: its second block is full and cached
        assertThat(kv.usedTokens()).isEqualTo(8);
        assertThat(kv.prefixCache().cachedTokens()).isEqualTo(8);
        assertThat(kv.preemptionGain(a, 8)).isEqualTo(1);

        // another call of the same session already made the third block
        KvAllocation b = kv.track("b", new Prefix.Session(7, 4), 12);
        kv.allocate(b, 12, true);
        assertThat(kv.usedTokens()).isEqualTo(8 + 4);
        for (int i = 0; i < 4; i++) {
            kv.grow(a);
        }
        assertThat(kv.usedTokens()).isEqualTo(12); // a's 4 new tokens are the shared block's
        assertThat(kv.prefixCache().find(new Prefix.Session(7, 4).blockId(2), 4).refs()).isEqualTo(2);
        kv.audit();
    }

    @Test
    void evictionTakesTheLeastRecentlyReleasedBlockFirstTailOfACallBeforeItsHead() {
        KvManager kv = new KvManager(0, 100, true, stats);
        KvAllocation a = kv.track("a", blocks(1, 2), 8);
        KvAllocation b = kv.track("b", blocks(3, 4), 8);
        kv.allocate(a, 8, true);
        kv.allocate(b, 8, true);
        kv.free(a);
        kv.free(b);
        assertThat(lru(kv)).containsExactly(2L, 1L, 4L, 3L);
        List<Long> evicted = new ArrayList<>();
        while (!lru(kv).isEmpty()) {
            long next = lru(kv).get(0);
            assertThat(kv.evictOne()).isTrue();
            evicted.add(next);
            assertThat(kv.prefixCache().find(next, 4)).isNull();
        }
        assertThat(evicted).containsExactly(2L, 1L, 4L, 3L);
        assertThat(kv.evictOne()).isFalse();
        assertThat(kv.usedTokens()).isZero();
        assertThat(stats.evictedBlocks()).isEqualTo(4);
    }

    @Test
    void roomIsMadeByEvictingOnlyWhatIsNeededAndNeverTheAdmittedCallsOwnPrefix() {
        KvManager kv = new KvManager(0, 20, true, stats);
        KvAllocation a = kv.track("a", blocks(1, 2), 8);
        KvAllocation b = kv.track("b", blocks(3, 4), 8);
        kv.allocate(a, 8, true);
        kv.allocate(b, 8, true);
        kv.free(a);
        kv.free(b);
        assertThat(kv.usedTokens()).isEqualTo(16);

        // b's prefix comes back with five more tokens: its own blocks are pinned, a's go first
        KvAllocation b2 = kv.track("b2", blocks(3, 4), 13);
        BlockTable.Admission found = kv.allocate(b2, 13, true);
        assertThat(found.hitTokens()).isEqualTo(8);
        assertThat(lru(kv)).containsExactly(1L); // block 2 was evicted to fit 5 private + 1 next token
        assertThat(kv.usedTokens()).isEqualTo(8 + 4 + 5);
        assertThat(kv.overCommitted()).isFalse();

        // a call without prefix evicts what is left unreferenced
        KvAllocation c = kv.track("c", null, 5);
        kv.allocate(c, 5, true);
        assertThat(lru(kv)).isEmpty();
        assertThat(kv.usedTokens()).isEqualTo(8 + 5 + 5);
        assertThat(kv.freeTokens()).isZero();
        assertThat(stats.evictedBlocks()).isEqualTo(2);
        kv.audit();
    }

    @Test
    void beforeAStepUnreferencedBlocksAreEvictedUntilEveryNextTokenFits() {
        KvManager kv = new KvManager(0, 20, true, stats);
        KvAllocation a = kv.track("a", blocks(1, 2), 8);
        kv.allocate(a, 8, true);
        kv.free(a); // blocks 2, 1 unreferenced, in that order
        KvAllocation b = kv.track("b", null, 10);
        kv.allocate(b, 10, true);
        assertThat(kv.fitNextTokens()).isTrue(); // 18 used + 1 next token
        assertThat(lru(kv)).containsExactly(2L, 1L);
        kv.grow(b);
        kv.grow(b);
        assertThat(kv.overCommitted()).isTrue(); // 20 used + 1 next token
        assertThat(kv.fitNextTokens()).isTrue();
        assertThat(lru(kv)).containsExactly(1L); // one block was enough
        assertThat(kv.usedTokens()).isEqualTo(16);
    }

    @Test
    void growingPastTheCapacityIsOverCommittedAndAnAdmissionThatCannotFitIsRefused() {
        KvManager kv = new KvManager(0, 10, true, stats);
        KvAllocation a = kv.track("a", blocks(1), 8);
        kv.allocate(a, 8, true);
        assertThat(kv.overCommitted()).isFalse();
        kv.grow(a);
        assertThat(kv.overCommitted()).isFalse(); // 9 used + 1 next token
        kv.grow(a);
        assertThat(kv.overCommitted()).isTrue();
        assertThatThrownBy(kv::audit).isInstanceOf(InvariantViolation.class).hasMessageContaining("exceeds capacity 10");
        assertThat(kv.fitNextTokens()).isFalse(); // its own block is referenced: nothing to evict

        KvAllocation b = kv.track("call b", blocks(2), 4);
        assertThatThrownBy(() -> kv.allocate(b, 4, true)).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("engine 0 over-committed KV admitting call b");
    }

    @Test
    void anAllocationIsHeldOnceAndFreedOnce() {
        KvManager kv = new KvManager(0, 100, false, stats);
        KvAllocation a = kv.track("call a", null, 4);
        assertThatThrownBy(() -> kv.grow(a)).hasMessageContaining("call a holds no KV");
        kv.allocate(a, 4, true);
        assertThatThrownBy(() -> kv.allocate(a, 4, true)).hasMessageContaining("call a already holds KV");
        kv.free(a);
        assertThatThrownBy(() -> kv.free(a)).hasMessageContaining("call a holds no KV");
    }

    @Test
    void theAuditCatchesACacheChangedBehindTheManagersBack() {
        KvManager kv = new KvManager(3, 100, true, stats);
        KvAllocation a = kv.track("a", blocks(1, 2), 8);
        kv.allocate(a, 8, true);
        kv.free(a);
        kv.audit();
        kv.prefixCache().evictOne(); // the books still count block 2's tokens
        assertThatThrownBy(kv::audit).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("engine 3 KV used 8 != private 0 + cached 4");

        KvManager pinned = new KvManager(3, 100, true, stats);
        KvAllocation b = pinned.track("b", blocks(1), 4);
        pinned.allocate(b, 4, true);
        pinned.prefixCache().pin(pinned.prefixCache().find(1, 4)); // a reference no running call holds
        assertThatThrownBy(pinned::audit).isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("reference counts sum to 2 but running calls reference 1 blocks");
    }

    /** A call of a random run: its KV and its context. */
    private static final class Call {
        final KvAllocation kv;
        int context;

        Call(KvAllocation kv, int context) {
            this.kv = kv;
            this.context = context;
        }
    }

    private static Prefix randomPrefix(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> new Prefix.Session(1 + rnd.nextInt(3), 4);
            default -> {
                long[] ids = new long[1 + rnd.nextInt(5)];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = 1 + rnd.nextInt(6);
                }
                yield blocks(ids);
            }
        };
    }

    /**
     * Steps as the kernel takes them: make room (evict, then preempt), admit waiting calls whose
     * need fits the free KV, grow every holder by a token, let some finish. The books must pass
     * the full audit at every step and never over-commit.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomRunsKeepTheBooks(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        KvManager kv = new KvManager(0, 120, true, stats);
        List<Call> waiting = new ArrayList<>();
        List<Call> running = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int prompt = 1 + rnd.nextInt(30);
            waiting.add(new Call(kv.track("call " + i, randomPrefix(rnd), prompt), prompt));
        }
        int admissions = 0;
        for (int step = 0; step < 400; step++) {
            while (!kv.fitNextTokens()) {
                Call victim = running.remove(rnd.nextInt(running.size()));
                kv.free(victim.kv);
                waiting.add(victim);
            }
            kv.audit();
            for (int i = 0; i < waiting.size() && running.size() < 6; i++) {
                Call c = waiting.get(i);
                if (kv.admissionNeed(c.kv, c.context) <= kv.freeTokens()) {
                    kv.allocate(c.kv, c.context, rnd.nextInt(4) != 0);
                    running.add(waiting.remove(i--));
                    admissions++;
                    kv.audit();
                }
            }
            for (Call c : running) {
                kv.grow(c.kv);
                c.context++;
                assertThat(c.kv.tokens()).isEqualTo(c.context);
            }
            assertThat(kv.usedTokens()).isLessThanOrEqualTo(kv.capacityTokens());
            for (int i = running.size() - 1; i >= 0; i--) {
                if (rnd.nextInt(8) == 0) {
                    kv.free(running.remove(i).kv);
                    int prompt = 1 + rnd.nextInt(30); // and a new call arrives
                    waiting.add(new Call(kv.track("call " + (30 + admissions), randomPrefix(rnd), prompt), prompt));
                }
            }
            assertThat(kv.holders()).isEqualTo(running.size());
        }
        assertThat(admissions).isGreaterThan(50);
        assertThat(stats.evictedBlocks()).isPositive();
    }
}
