package dev.aiosim.kernel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.process.Prefix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixCacheTest {
    private static List<Long> lru(PrefixCache c) {
        List<Long> ids = new ArrayList<>();
        c.forEachEvictable(b -> ids.add(b.id()));
        return ids;
    }

    @Test
    void referenceCountsAndLruOrderAmongUnreferencedBlocks() {
        PrefixCache c = new PrefixCache();
        CachedBlock a = c.insert(1, 16);
        CachedBlock b = c.insert(2, 16);
        c.pin(a);
        assertThat(a.refs()).isEqualTo(2);
        assertThat(c.refSum()).isEqualTo(3);
        assertThat(c.pinnedTokens()).isEqualTo(32);
        c.release(b);
        c.release(a);
        assertThat(lru(c)).containsExactly(2L);
        c.release(a);
        assertThat(lru(c)).containsExactly(2L, 1L);
        assertThat(c.evictableTokens()).isEqualTo(32);
        assertThat(c.cachedTokens()).isEqualTo(32);
        c.pin(b); // used again: leaves the list
        assertThat(lru(c)).containsExactly(1L);
        c.release(b); // and becomes the most recently released
        assertThat(lru(c)).containsExactly(1L, 2L);
        assertThat(c.evictOne()).isEqualTo(16);
        assertThat(a.resident()).isFalse();
        assertThat(c.find(1, 16)).isNull();
        assertThat(c.evictOne()).isEqualTo(16);
        assertThat(c.evictOne()).isZero();
        assertThat(c.cachedTokens()).isZero();
        assertThat(c.blockCount()).isZero();
        assertThat(c.refSum()).isZero();
    }

    @Test
    void misuseIsRefused() {
        PrefixCache c = new PrefixCache();
        CachedBlock a = c.insert(1, 16);
        assertThatThrownBy(() -> c.insert(1, 16)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.find(1, 8)).hasMessageContaining("block id 1 is named with 8 tokens per block and with 16");
        c.release(a);
        assertThatThrownBy(() -> c.release(a)).hasMessageContaining("released more often than pinned");
        c.evictOne();
        assertThatThrownBy(() -> c.pin(a)).hasMessageContaining("evicted");
    }

    @Test
    void aTableHitsTheLeadingResidentBlocksAndStoresTheRest() {
        PrefixCache c = new PrefixCache();
        BlockTable first = new BlockTable(new Prefix.Blocks(4, new long[] {10, 11, 12, 13}), 15);
        // 15 prompt tokens: 3 full blocks are cacheable, the 4th id names a partial block
        assertThat(first.cacheableBlocks(15)).isEqualTo(3);
        BlockTable.Admission a = first.admit(c, 15, true);
        assertThat(a).isEqualTo(new BlockTable.Admission(4, 0, 0, 3, 4 * 0 + 10 + 4 * 4 + 10 + 4 * 8 + 10));
        assertThat(first.insertMissing(c)).isZero();
        assertThat(first.heldTokens()).isEqualTo(12);
        assertThat(c.cachedTokens()).isEqualTo(12);

        // a second call shares 10 and 11, then differs; 12 is cached but after the first miss
        BlockTable second = new BlockTable(new Prefix.Blocks(4, new long[] {10, 11, 99, 12}), 16);
        assertThat(second.sharedTokens(c, 16)).isEqualTo(12); // 10, 11 and 12 are referenced by the first
        BlockTable.Admission b = second.admit(c, 16, true);
        assertThat(b.hitBlocks()).isEqualTo(2);
        assertThat(b.residentBlocks()).isEqualTo(3);
        assertThat(b.missingBlocks()).isEqualTo(1);
        second.insertMissing(c);
        assertThat(c.refSum()).isEqualTo(3 + 4);
        assertThat(c.cachedTokens()).isEqualTo(16);

        // releasing: last position first
        first.releaseAll(c);
        assertThat(lru(c)).isEmpty(); // all still referenced by the second call
        second.releaseAll(c);
        assertThat(lru(c)).containsExactly(12L, 99L, 11L, 10L);
        assertThat(c.refSum()).isZero();
    }

    @Test
    void aSessionNamesItsOutputBlocksAsTheyFill() {
        PrefixCache c = new PrefixCache();
        BlockTable t = new BlockTable(new Prefix.Session(3, 4), 6);
        t.admit(c, 6, true);
        t.insertMissing(c);
        assertThat(t.heldBlocks()).isEqualTo(1);
        assertThat(t.grow(c, 7)).isZero();
        assertThat(t.heldBlocks()).isEqualTo(1);
        assertThat(t.grow(c, 8)).isZero(); // block 1 is full: a new cached block
        assertThat(t.heldBlocks()).isEqualTo(2);
        // another call of the same session that already made block 2 elsewhere: growing into it shares it
        BlockTable other = new BlockTable(new Prefix.Session(3, 4), 12);
        other.admit(c, 12, true);
        other.insertMissing(c);
        assertThat(t.grow(c, 12)).isEqualTo(4); // its own 4 tokens are now the shared block's
        assertThat(c.find(new Prefix.Session(3, 4).blockId(2), 4).refs()).isEqualTo(2);
    }
}
