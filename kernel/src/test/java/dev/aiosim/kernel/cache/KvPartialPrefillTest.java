package dev.aiosim.kernel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.metrics.EngineStats;
import dev.aiosim.kernel.process.Prefix;
import org.junit.jupiter.api.Test;

/**
 * KV books of partly prefilled calls (chunked prefill): a call holds the KV of its prefilled
 * tokens only, the rest of its context is reserved, chunks move tokens from the reservation into
 * KV, and the audit holds at every stage.
 */
class KvPartialPrefillTest {
    private final EngineStats stats = new EngineStats(0);

    @Test
    void withoutPrefixTheChunksGrowTheKvOutOfTheReservation() {
        KvManager kv = new KvManager(0, 100, false, stats);
        KvAllocation a = kv.track("a", null, 10);
        assertThat(kv.chunkedAdmissionNeed(a, 10, -1)).isEqualTo(11);
        assertThat(kv.allocateForPrefill(a, 10)).isZero();
        assertThat(a.tokens()).isZero();
        assertThat(a.reserved()).isEqualTo(10);
        assertThat(kv.usedTokens()).isZero();
        assertThat(kv.reservedTokens()).isEqualTo(10);
        assertThat(kv.freeTokens()).isEqualTo(100 - 10 - 1); // as if admitted whole
        kv.audit();

        kv.landChunk(a, 4);
        assertThat(a.tokens()).isEqualTo(4);
        assertThat(kv.usedTokens()).isEqualTo(4);
        assertThat(kv.contextTokens()).isEqualTo(4);
        assertThat(kv.reservedTokens()).isEqualTo(6);
        assertThat(kv.freeTokens()).isEqualTo(89); // a chunk takes nothing more from the free KV
        assertThat(kv.preemptionGain(a, 10)).isEqualTo(11);
        kv.audit();
        kv.landChunk(a, 4); // already held: nothing changes
        assertThat(kv.usedTokens()).isEqualTo(4);
        assertThatThrownBy(() -> kv.landChunk(a, 11)).hasMessageContaining("grows by 7 tokens with 6 reserved");

        kv.landChunk(a, 10);
        assertThat(a.reserved()).isZero();
        kv.grow(a); // its first token
        assertThat(kv.usedTokens()).isEqualTo(11);
        kv.audit();

        // preempted in the middle of a prefill: its KV and its reservation come back
        KvAllocation b = kv.track("b", null, 30);
        kv.allocateForPrefill(b, 30);
        kv.landChunk(b, 12);
        assertThat(kv.free(b)).isEqualTo(12);
        assertThat(kv.reservedTokens()).isZero();
        assertThat(kv.freeTokens()).isEqualTo(100 - 11 - 1);
        kv.audit();
    }

    @Test
    void aSwapResumeInTheMiddleOfAPrefillHoldsWhatWasSwappedAndReservesTheRest() {
        KvManager kv = new KvManager(0, 50, false, stats);
        KvAllocation a = kv.track("a", null, 40);
        assertThat(kv.chunkedAdmissionNeed(a, 40, 16)).isEqualTo(41);
        assertThat(kv.allocate(a, 16, false, 24)).isNull();
        assertThat(a.tokens()).isEqualTo(16);
        assertThat(kv.reservedTokens()).isEqualTo(24);
        assertThat(kv.freeTokens()).isEqualTo(50 - 16 - 1 - 24);
        assertThat(kv.overCommitted()).isFalse();
        kv.audit();
    }

    @Test
    void prefixHitsAreHeldAtOnceAndLaterBlocksAreReferencedAsTheirChunksLand() {
        KvManager kv = new KvManager(0, 100, true, stats);
        // a earlier call left blocks 1, 2 and 3 cached, unreferenced
        KvAllocation first = kv.track("first", new Prefix.Blocks(4, new long[] {1, 2, 3}), 14);
        kv.allocate(first, 14, true);
        kv.free(first);
        assertThat(kv.usedTokens()).isEqualTo(12);

        // b shares blocks 1 and 2, then names 9 (not cached) and 3 (cached, but after a miss)
        KvAllocation b = kv.track("b", new Prefix.Blocks(4, new long[] {1, 2, 9, 3}), 18);
        assertThat(kv.chunkedAdmissionNeed(b, 18, -1)).isEqualTo(19); // nobody references the hits yet
        long lookups = stats.lookups();
        assertThat(kv.allocateForPrefill(b, 18)).isEqualTo(8);
        assertThat(stats.lookups()).isEqualTo(lookups + 1);
        assertThat(b.tokens()).isEqualTo(8);
        assertThat(b.reserved()).isEqualTo(10);
        assertThat(kv.usedTokens()).isEqualTo(12); // the hits were cached already
        kv.audit();

        // c waits with the same two leading blocks: b references them, so they are shared
        KvAllocation c = kv.track("c", new Prefix.Blocks(4, new long[] {1, 2}), 9);
        assertThat(kv.chunkedAdmissionNeed(c, 9, -1)).isEqualTo(9 + 1 - 8);

        kv.landChunk(b, 13); // block 9 (tokens 8-11) is full: stored
        assertThat(kv.usedTokens()).isEqualTo(12 + 4 + 1);
        kv.audit();
        kv.landChunk(b, 18); // block 3 (tokens 12-15) is resident: shared, no new KV for it
        assertThat(kv.usedTokens()).isEqualTo(12 + 4 + 2);
        assertThat(b.reserved()).isZero();
        assertThat(kv.reservedTokens()).isZero();
        kv.audit();
        assertThat(kv.free(b)).isEqualTo(2);
        kv.audit();
    }

    @Test
    void aFullyCachedContextHoldsEverythingAndReservesNothing() {
        KvManager kv = new KvManager(0, 100, true, stats);
        Prefix p = new Prefix.Blocks(4, new long[] {1, 2});
        KvAllocation first = kv.track("first", p, 8);
        kv.allocate(first, 8, true);
        kv.free(first);
        KvAllocation again = kv.track("again", p, 8);
        assertThat(kv.allocateForPrefill(again, 8)).isEqualTo(8); // the engine still computes the last token
        assertThat(again.tokens()).isEqualTo(8);
        assertThat(again.reserved()).isZero();
        kv.landChunk(again, 8);
        kv.audit();
    }

    @Test
    void reservationsAreNeverEvictedAndMakeRoomEvictsForThem() {
        KvManager kv = new KvManager(0, 20, true, stats);
        KvAllocation old = kv.track("old", new Prefix.Blocks(4, new long[] {5, 6}), 8);
        kv.allocate(old, 8, true);
        kv.free(old); // 8 evictable tokens
        KvAllocation a = kv.track("a", null, 15);
        assertThat(kv.freeTokens()).isEqualTo(20);
        kv.allocateForPrefill(a, 15); // 15 reserved + 1 next token: 4 of the 8 cached tokens must go
        assertThat(kv.usedTokens() + kv.holders() + kv.reservedTokens()).isLessThanOrEqualTo(20);
        assertThat(kv.prefixCache().cachedTokens()).isEqualTo(4);
        assertThat(kv.freeTokens()).isEqualTo(4);
        kv.audit();
    }
}
