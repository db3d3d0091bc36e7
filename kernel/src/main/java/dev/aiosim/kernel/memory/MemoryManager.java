package dev.aiosim.kernel.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * AIOS's memory manager (Mei et al., "AIOS: LLM Agent Operating System", COLM 2025) with MemGPT's
 * two tiers (Packer et al., 2023): every agent's memory items live in one bounded RAM tier shared
 * by all agents; when it is full the item chosen by LRU-K (K = 1: LRU) moves to the storage tier,
 * and an access to an item there is a miss that brings it back. Deterministic: the eviction order
 * depends only on the order of accesses (numbered), never on a clock.
 *
 * <p>Operations and their cost: {@code alloc} and {@code write} set an item's size (creating it)
 * and place it in RAM; {@code read} touches it; {@code clear} removes one item or all of an
 * owner's. An operation on an item in RAM costs the hit latency and is a hit (alloc and clear are
 * neither); one on an item in the storage tier costs the miss latency plus its bytes at the spill
 * bandwidth and is a miss. A read of an item that does not exist costs the hit latency and counts
 * as not found. Eviction write-back is asynchronous: its bytes are counted, not charged to the
 * caller. An item larger than the whole RAM tier stays in the storage tier (every access a miss).
 */
public final class MemoryManager {
    private final MemoryConfig config;
    private final Map<Key, MemoryItem> items = new HashMap<>();
    private final Map<Long, List<MemoryItem>> byOwner = new HashMap<>();
    /** Items in RAM, first = next victim. */
    private final TreeSet<MemoryItem> ram = new TreeSet<>(Comparator.comparingLong(MemoryItem::kthAccess)
            .thenComparingLong(MemoryItem::lastAccess).thenComparingLong(i -> i.id));
    private long ramUsed;
    private long accessClock;
    private long nextId;
    private long ops;
    private long hits;
    private long misses;
    private long notFound;
    private long evictions;
    private long bytesMoved;
    private long ramPeak;

    private record Key(long owner, String name) {}

    public MemoryManager(MemoryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The item name used when a call names none. */
    public static final String DEFAULT_ITEM = "memory";

    /**
     * Serves one operation on {@code owner}'s memory.
     *
     * @param op alloc, read, write or clear (case-insensitive; anything else is a read)
     * @param item item name, or null for the default item (clear: all items)
     * @param bytes size to write (alloc, write); ignored by read and clear
     */
    public MemoryOutcome serve(long owner, String op, String item, long bytes) {
        ops++;
        String o = op == null ? "read" : op.toLowerCase(Locale.ROOT);
        return switch (o) {
            case "alloc", "write" -> write(owner, item == null ? DEFAULT_ITEM : item, bytes);
            case "clear" -> clear(owner, item);
            default -> read(owner, item == null ? DEFAULT_ITEM : item);
        };
    }

    private MemoryOutcome read(long owner, String name) {
        MemoryItem it = items.get(new Key(owner, name));
        if (it == null) {
            notFound++;
            return new MemoryOutcome(config.hitLatencyNanos(), false, false);
        }
        return access(it);
    }

    private MemoryOutcome write(long owner, String name, long bytes) {
        Key key = new Key(owner, name);
        MemoryItem it = items.get(key);
        if (it == null) {
            it = new MemoryItem(owner, name, nextId++, bytes, config.k());
            items.put(key, it);
            byOwner.computeIfAbsent(owner, x -> new ArrayList<>()).add(it);
            it.touch(++accessClock);
            place(it);
            if (it.resident) {
                return new MemoryOutcome(config.hitLatencyNanos(), false, false);
            }
            misses++; // larger than the RAM tier: written to the storage tier
            bytesMoved += bytes;
            return new MemoryOutcome(missNanos(bytes), false, true);
        }
        if (it.resident) { // resize in place: take it out, then place it with its new size
            ram.remove(it);
            ramUsed -= it.bytes;
            it.resident = false;
            it.bytes = bytes;
            it.touch(++accessClock);
            place(it);
            if (it.resident) {
                hits++;
                return new MemoryOutcome(config.hitLatencyNanos(), true, false);
            }
            misses++;
            bytesMoved += bytes;
            return new MemoryOutcome(missNanos(bytes), false, true);
        }
        it.bytes = bytes;
        return access(it);
    }

    /** A read or write of an existing item. */
    private MemoryOutcome access(MemoryItem it) {
        if (it.resident) {
            ram.remove(it);
            it.touch(++accessClock);
            ram.add(it);
            hits++;
            return new MemoryOutcome(config.hitLatencyNanos(), true, false);
        }
        misses++;
        bytesMoved += it.bytes; // from the storage tier (into RAM, or straight through when it cannot fit)
        it.touch(++accessClock);
        place(it);
        return new MemoryOutcome(missNanos(it.bytes), false, true);
    }

    private long missNanos(long bytes) {
        return config.missLatencyNanos() + config.transferNanos(bytes);
    }

    /** Puts a non-resident item in RAM, evicting others first; one larger than RAM stays out. */
    private void place(MemoryItem it) {
        if (it.bytes > config.ramBytes()) {
            return;
        }
        while (ramUsed + it.bytes > config.ramBytes()) {
            MemoryItem victim = ram.pollFirst();
            victim.resident = false;
            ramUsed -= victim.bytes;
            evictions++;
            bytesMoved += victim.bytes;
        }
        it.resident = true;
        ramUsed += it.bytes;
        ram.add(it);
        ramPeak = Math.max(ramPeak, ramUsed);
    }

    private MemoryOutcome clear(long owner, String name) {
        List<MemoryItem> own = byOwner.get(owner);
        if (own != null) {
            for (int i = own.size() - 1; i >= 0; i--) {
                MemoryItem it = own.get(i);
                if (name == null || it.name.equals(name)) {
                    remove(it);
                    own.remove(i);
                }
            }
            if (own.isEmpty()) {
                byOwner.remove(owner);
            }
        }
        return new MemoryOutcome(config.hitLatencyNanos(), false, false);
    }

    private void remove(MemoryItem it) {
        items.remove(new Key(it.owner, it.name));
        if (it.resident) {
            ram.remove(it);
            ramUsed -= it.bytes;
        }
    }

    /** Whether {@code owner}'s item is in RAM right now (tests, reports). */
    public boolean inRam(long owner, String item) {
        MemoryItem it = items.get(new Key(owner, item == null ? DEFAULT_ITEM : item));
        return it != null && it.resident;
    }

    /** Whether {@code owner} has the item, in either tier. */
    public boolean has(long owner, String item) {
        return items.containsKey(new Key(owner, item == null ? DEFAULT_ITEM : item));
    }

    /** Size of {@code owner}'s item, -1 when it does not exist. */
    public long size(long owner, String item) {
        MemoryItem it = items.get(new Key(owner, item == null ? DEFAULT_ITEM : item));
        return it == null ? -1 : it.bytes;
    }

    /** Bytes the RAM tier holds now. */
    public long ramUsed() {
        return ramUsed;
    }

    public MemoryCounters counters() {
        return new MemoryCounters(ops, hits, misses, notFound, evictions, bytesMoved, ramPeak);
    }
}
