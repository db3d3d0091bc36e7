package dev.aiosim.inference.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aiosim.inference.model.KvCache;
import dev.aiosim.inference.model.LlamaModel;
import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.process.Prefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real serving instance: it carries out the kernel's decisions on a {@link LlamaModel}. The
 * kernel admits calls, preempts and resumes them and starts steps; each {@link #step()} is one
 * batched forward over the running calls, in which a call whose context is not all in its KV
 * cache yet prefills what is missing (a fresh prompt, or its whole context after a recompute) and
 * every other call decodes one token, as in continuous batching (Yu et al., OSDI 2022, "Orca";
 * Kwon et al., SOSP 2023, "vLLM"). Each call generates exactly the number of tokens it was
 * admitted with, greedily (argmax), and leaves the engine with its last one.
 *
 * <p>Memory: every call's KV is a {@link KvCache} in its own sub-manager of the engine's, closed
 * when the call finishes, is cancelled or is preempted; each step's temporaries live in a step
 * manager closed at the end of the step. Preemption by swap copies the KV to host arrays within
 * the host swap budget ({@link HostSnapshot}) and frees the tensors; resuming creates them again
 * from the copy, bit for bit. Preemption by recompute (or by swap when the budget is full) frees
 * the KV; resuming prefills prompt and generated tokens again.
 *
 * <p>Prefix sharing: after a call with a {@link Prefix} prefilled its prompt, the KV of its leading
 * full named blocks goes to the engine's {@link PrefixBlockStore} (host memory, a byte budget, least
 * recently used evicted). A call admitted (or resumed by recompute) with tokens the kernel's prefix
 * cache credited as hits starts with a cache built from the stored blocks and prefills only the
 * rest of its context, at the positions after them; a credited block missing from the store
 * (evicted, never stored, or being computed in the same step by another call) is computed, and
 * counted in {@link PrefixStats#missedTokens}. Reported prefill tokens are those really computed.
 *
 * <p>Not thread-safe: one thread drives an engine.
 */
public final class DjlEngine implements AutoCloseable {
    private enum State { RUNNING, SWAPPED, DROPPED }

    private static final class Call {
        final long id;
        int[] context; // prompt, then generated tokens as they come (grows when the length is open)
        final int promptTokens;
        final int outputTokens;
        int generated;
        State state = State.RUNNING;
        KvCache cache;
        HostSnapshot snapshot;
        float[] lastLogits;
        /** Keys of its prompt's leading full named blocks (none without a prefix). */
        PrefixBlockStore.Key[] blocks = new PrefixBlockStore.Key[0];
        int blockTokens = 1;
        Prefix prefix;
        /** Set from admission (or a recompute resume) until the step that prefills its context ends. */
        boolean prefilling;
        /** Of its pending prefill: credited tokens restored from the store, and credited tokens computed anyway. */
        int reused;
        int missed;

        Call(long id, int[] prompt, int outputTokens) {
            this.id = id;
            this.promptTokens = prompt.length;
            this.outputTokens = outputTokens;
            this.context = Arrays.copyOf(prompt, prompt.length + (outputTokens > 0 ? outputTokens : 16));
        }

        void add(int token) {
            if (promptTokens + generated == context.length) {
                context = Arrays.copyOf(context, context.length * 2);
            }
            context[promptTokens + generated++] = token;
        }

        /** The context tokens not yet in the KV cache: the next forward's input for this call. */
        int[] pending() {
            return Arrays.copyOfRange(context, cache.length(), promptTokens + generated);
        }
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final LlamaModel model;
    private final NDManager manager;
    private final long hostSwapBytes;
    private final boolean keepLogits;
    private final Map<Long, Call> calls = new LinkedHashMap<>(); // admission order = batch order
    private long hostUsedBytes;
    private final SnapshotStats stats = new SnapshotStats();
    private final PrefixBlockStore store;
    private long reusedTokens;
    private long missedTokens;

    /** The prefix store's budget with the four-argument constructor (live runs): 256 MiB. */
    public static final long DEFAULT_PREFIX_STORE_BYTES = 256L << 20;

    /**
     * @param model the model (not owned: the caller closes it)
     * @param parent manager under which the engine keeps its KV
     * @param hostSwapBytes host memory for swapped-out KV, at least 0
     * @param keepLogits whether each call's last logits are kept for {@link #lastLogits} (tests)
     */
    public DjlEngine(LlamaModel model, NDManager parent, long hostSwapBytes, boolean keepLogits) {
        this(model, parent, hostSwapBytes, keepLogits, DEFAULT_PREFIX_STORE_BYTES);
    }

    /**
     * @param model the model (not owned: the caller closes it)
     * @param parent manager under which the engine keeps its KV
     * @param hostSwapBytes host memory for swapped-out KV, at least 0
     * @param keepLogits whether each call's last logits are kept for {@link #lastLogits} (tests)
     * @param prefixStoreBytes host memory for the KV of named prefix blocks, at least 0 (0: no sharing)
     */
    public DjlEngine(LlamaModel model, NDManager parent, long hostSwapBytes, boolean keepLogits, long prefixStoreBytes) {
        if (hostSwapBytes < 0) {
            throw new IllegalArgumentException("host swap bytes must be >= 0, got " + hostSwapBytes);
        }
        this.model = model;
        this.manager = parent.newSubManager();
        this.hostSwapBytes = hostSwapBytes;
        this.keepLogits = keepLogits;
        this.store = new PrefixBlockStore(prefixStoreBytes);
    }

    public LlamaModel model() {
        return model;
    }

    /**
     * Admits a new call: the next step prefills {@code prompt}, and it generates
     * {@code outputTokens} tokens in all, then leaves; with 0 it generates one token a step until
     * {@link #cancel released} (the kernel decides when it is done).
     */
    public void admit(long id, int[] prompt, int outputTokens) {
        admit(id, prompt, outputTokens, null, 0);
    }

    /**
     * Admits a new call whose prompt's blocks are named by {@code prefix} (null: none), with the
     * first {@code cachedTokens} tokens of its prompt credited as prefix-cache hits: their KV comes
     * from the engine's store where it holds those blocks (the prompt's ids must then be those of
     * {@link PromptTokens} for the prefix), and the next step prefills the rest (at least the last
     * prompt token, for the logits).
     *
     * @param cachedTokens credited tokens, a multiple of the prefix's block size, at most the prompt's length
     */
    public void admit(long id, int[] prompt, int outputTokens, Prefix prefix, int cachedTokens) {
        if (prompt.length < 1 || outputTokens < 0) {
            throw new IllegalArgumentException("call " + id + ": a prompt needs at least 1 token and the output length"
                    + " must be >= 0 (0 = open), got " + prompt.length + " and " + outputTokens);
        }
        if (calls.containsKey(id)) {
            throw new IllegalStateException("call " + id + " is already on this engine");
        }
        checkCredit(id, prefix, cachedTokens, prompt.length);
        Call c = new Call(id, prompt, outputTokens);
        c.blocks = PrefixBlockStore.keys(prefix, prompt.length);
        c.blockTokens = prefix == null ? 1 : prefix.blockTokens();
        c.prefix = prefix;
        calls.put(id, c);
        startPrefill(c, cachedTokens);
    }

    private static void checkCredit(long id, Prefix prefix, int cachedTokens, int context) {
        if (cachedTokens < 0 || cachedTokens > context || cachedTokens > 0
                && (prefix == null || cachedTokens % prefix.blockTokens() != 0)) {
            throw new IllegalArgumentException("call " + id + ": credited prefix tokens must be whole blocks of its prefix"
                    + " within its " + context + "-token context, got " + cachedTokens
                    + (prefix == null ? " without a prefix" : " with blocks of " + prefix.blockTokens()));
        }
    }

    /**
     * Gives a call about to prefill its context a cache holding the longest leading run of its
     * credited blocks found in the store, never its last context token (whose logits it needs).
     */
    private void startPrefill(Call c, int cachedTokens) {
        int context = c.promptTokens + c.generated;
        int credited = Math.min(cachedTokens, context - 1);
        int b = c.blockTokens;
        List<PrefixBlockStore.Block> found = new ArrayList<>();
        for (int k = 0; k < c.blocks.length && (long) k * b < credited; k++) {
            PrefixBlockStore.Block block = store.get(c.blocks[k]);
            if (block == null) {
                break;
            }
            found.add(block);
        }
        int tokens = Math.min(credited, found.size() * b);
        c.cache = tokens == 0 ? model.newCache(manager) : restore(found, b, tokens);
        c.reused = tokens;
        c.missed = credited - tokens;
        c.prefilling = true;
    }

    /** A cache of the first {@code tokens} tokens of the stored blocks, laid end to end. */
    private KvCache restore(List<PrefixBlockStore.Block> blocks, int b, int tokens) {
        var spec = model.spec();
        int kvh = spec.kvHeads();
        int d = spec.headDim();
        int layers = spec.layers();
        float[][] k = new float[layers][kvh * d * tokens];
        float[][] v = new float[layers][kvh * tokens * d];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < blocks.size(); j++) {
                int n = Math.min(b, tokens - j * b);
                if (n <= 0) {
                    break;
                }
                float[] bk = blocks.get(j).keys()[l];
                float[] bv = blocks.get(j).values()[l];
                for (int row = 0; row < kvh * d; row++) { // keys: kvHeads x headDim rows of tokens
                    System.arraycopy(bk, row * b, k[l], row * tokens + j * b, n);
                }
                for (int h = 0; h < kvh; h++) { // values: per head, tokens x headDim
                    System.arraycopy(bv, h * b * d, v[l], (h * tokens + j * b) * d, n * d);
                }
            }
        }
        return KvCache.restore(spec, manager, k, v, tokens);
    }

    /** Stores the KV of the call's named prompt blocks that the store lacks (its cache holds its prompt). */
    private void storeBlocks(Call c) {
        int b = c.blockTokens;
        int layers = model.spec().layers();
        long bytes = b * model.spec().kvBytesPerToken();
        for (PrefixBlockStore.Key key : c.blocks) {
            if (!store.wants(key, bytes)) {
                continue;
            }
            int from = key.index() * b;
            float[][] k = new float[layers][];
            float[][] v = new float[layers][];
            for (int l = 0; l < layers; l++) {
                k[l] = c.cache.hostKeys(l, from, from + b);
                v[l] = c.cache.hostValues(l, from, from + b);
            }
            store.put(key, new PrefixBlockStore.Block(k, v, bytes));
        }
    }


    /**
     * Takes a running call off the batch. By swap its KV is copied to host memory when it fits in
     * what is left of the host budget, else (and by recompute) it is dropped.
     *
     * @return how the call was preempted: SWAP, or RECOMPUTE (asked for, or the budget was full)
     */
    public PreemptionMode preempt(long id, PreemptionMode mode) {
        Call c = get(id, State.RUNNING);
        long bytes = c.cache.bytes();
        if (mode == PreemptionMode.SWAP && hostUsedBytes + bytes <= hostSwapBytes) {
            long t0 = System.nanoTime();
            int layers = model.spec().layers();
            float[][] k = new float[layers][];
            float[][] v = new float[layers][];
            for (int l = 0; l < layers; l++) {
                k[l] = c.cache.hostKeys(l);
                v[l] = c.cache.hostValues(l);
            }
            c.snapshot = new HostSnapshot(k, v, c.cache.length(), bytes);
            c.cache.close();
            stats.swappedOut(bytes, System.nanoTime() - t0);
            hostUsedBytes += bytes;
            c.state = State.SWAPPED;
        } else {
            c.cache.close();
            c.state = State.DROPPED;
        }
        c.cache = null;
        return c.state == State.SWAPPED ? PreemptionMode.SWAP : PreemptionMode.RECOMPUTE;
    }

    /** Puts a preempted call back in the batch: its KV comes back from host memory, or it will prefill its context again. */
    public void resume(long id) {
        resume(id, 0);
    }

    /**
     * As {@link #resume(long)}; a call preempted by recompute starts from the stored KV of the
     * first {@code cachedTokens} tokens of its context that the kernel's prefix cache credited; a
     * swapped call brings back its own KV whatever it is credited.
     */
    public void resume(long id, int cachedTokens) {
        Call c = calls.get(id);
        if (c == null || c.state == State.RUNNING) {
            throw new IllegalStateException("call " + id + " is not preempted on this engine");
        }
        checkCredit(id, c.prefix, cachedTokens, c.promptTokens + c.generated);
        calls.remove(id); // back at the end of the batch, as a re-admission
        calls.put(id, c);
        if (c.state == State.SWAPPED) {
            long t0 = System.nanoTime();
            HostSnapshot s = c.snapshot;
            c.cache = KvCache.restore(model.spec(), manager, s.keys(), s.values(), s.tokens());
            stats.swappedIn(s.bytes(), System.nanoTime() - t0);
            hostUsedBytes -= s.bytes();
            c.snapshot = null;
        } else {
            startPrefill(c, cachedTokens);
            stats.recomputing(c.promptTokens + c.generated - c.reused);
        }
        c.state = State.RUNNING;
    }

    /** A call leaves for good (cancelled, or done when its length is open): its KV or its snapshot is freed. */
    public void cancel(long id) {
        Call c = calls.remove(id);
        if (c == null) {
            throw new IllegalStateException("call " + id + " is not on this engine");
        }
        release(c);
    }

    /**
     * One step: one batched forward over every running call, one token generated for each.
     * Calls that generated their last token leave the engine and free their KV.
     */
    public StepReport step() {
        List<Call> batch = new ArrayList<>();
        List<LlamaModel.Segment> segments = new ArrayList<>();
        int prefill = 0;
        long pairs = 0;
        int decode = 0;
        long context = 0;
        int reused = 0;
        int missed = 0;
        for (Call c : calls.values()) {
            if (c.state == State.RUNNING) {
                int[] in = c.pending();
                batch.add(c);
                segments.add(new LlamaModel.Segment(c.cache, in));
                long cached = c.cache.length();
                reused += c.reused;
                missed += c.missed;
                if (in.length == 1 && cached > 0 && !c.prefilling) {
                    decode++;
                    context += cached + 1;
                } else {
                    prefill += in.length;
                    pairs += in.length * cached + (long) in.length * (in.length + 1) / 2;
                }
            }
        }
        List<StepReport.Token> tokens = new ArrayList<>(batch.size());
        List<Long> finished = new ArrayList<>();
        if (batch.isEmpty()) {
            return new StepReport(0, 0, 0, 0, tokens, finished, 0, 0, 0, 0);
        }
        long cpu0 = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
        long t0 = System.nanoTime();
        long[] next;
        try (NDManager m = manager.newSubManager()) {
            NDArray logits = model.forward(m, segments);
            next = logits.argMax(-1).toLongArray();
            if (keepLogits) {
                float[] all = logits.toFloatArray();
                int vocab = model.spec().vocab();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).lastLogits = Arrays.copyOfRange(all, i * vocab, (i + 1) * vocab);
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        long cpuNanos = cpu0 < 0 ? -1 : CPU.getCurrentThreadCpuTime() - cpu0;
        reusedTokens += reused;
        missedTokens += missed;
        for (int i = 0; i < batch.size(); i++) {
            Call c = batch.get(i);
            if (c.prefilling) {
                c.prefilling = false;
                c.reused = 0;
                c.missed = 0;
                if (c.blocks.length > 0 && c.cache.length() >= c.blocks.length * c.blockTokens) {
                    storeBlocks(c);
                }
            }
            int t = (int) next[i];
            c.add(t);
            tokens.add(new StepReport.Token(c.id, t));
            if (c.generated == c.outputTokens) {
                finished.add(c.id);
                calls.remove(c.id);
                release(c);
            }
        }
        return new StepReport(prefill, pairs, decode, context, tokens, finished, nanos, cpuNanos, reused, missed);
    }

    private void release(Call c) {
        if (c.cache != null) {
            c.cache.close();
            c.cache = null;
        }
        if (c.snapshot != null) {
            hostUsedBytes -= c.snapshot.bytes();
            c.snapshot = null;
        }
    }

    private Call get(long id, State state) {
        Call c = calls.get(id);
        if (c == null || c.state != state) {
            throw new IllegalStateException("call " + id + " is not " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + " on this engine");
        }
        return c;
    }

    /** The tokens a call generated so far (it must still be on the engine). */
    public int[] generated(long id) {
        Call c = calls.get(id);
        if (c == null) {
            throw new IllegalStateException("call " + id + " is not on this engine");
        }
        return Arrays.copyOfRange(c.context, c.promptTokens, c.promptTokens + c.generated);
    }

    /** How many tokens a call generated so far, or -1 when it is not on the engine. */
    public int generatedCount(long id) {
        Call c = calls.get(id);
        return c == null ? -1 : c.generated;
    }

    /** Whether the call is on the engine and preempted. */
    public boolean preempted(long id) {
        Call c = calls.get(id);
        return c != null && c.state != State.RUNNING;
    }

    /** The logits of the call's latest token, when the engine keeps them; null before its first step. */
    public float[] lastLogits(long id) {
        if (!keepLogits) {
            throw new IllegalStateException("this engine does not keep logits");
        }
        Call c = calls.get(id);
        return c == null ? null : c.lastLogits;
    }

    /** Calls on the engine, running or preempted. */
    public int calls() {
        return calls.size();
    }

    /** Host bytes held by snapshots now. */
    public long hostUsedBytes() {
        return hostUsedBytes;
    }

    /** What prefix sharing did since the engine started. */
    public PrefixStats prefixStats() {
        return new PrefixStats(reusedTokens, missedTokens, store.stored(), store.evicted(), store.size(), store.usedBytes());
    }

    /** Snapshot and recompute figures since the engine started. */
    public SnapshotStats snapshotStats() {
        return stats;
    }

    /** NDArrays the engine holds now (KV of running calls and anything leaked): {@code 2 x layers} per running call. */
    public int openArrays() {
        return ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
    }

    @Override
    public void close() {
        calls.clear();
        hostUsedBytes = 0;
        manager.close();
    }
}
