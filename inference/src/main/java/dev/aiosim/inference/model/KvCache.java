package dev.aiosim.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One sequence's KV cache as tensors, per layer: keys stored transposed as
 * {@code [kvHeads, 1, headDim, length]} and values as {@code [kvHeads, 1, length, headDim]}, the
 * layouts attention multiplies with directly (the 1 broadcasts over the query heads of a GQA
 * group). It owns a sub-manager of its engine's: every array it holds lives there, each append
 * replaces the layer's arrays by contiguous new ones and closes the old, and closing the cache
 * frees them all.
 */
public final class KvCache implements AutoCloseable {
    private final LlamaSpec spec;
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    /** An empty cache whose arrays live in a new sub-manager of {@code parent}. */
    public KvCache(LlamaSpec spec, NDManager parent) {
        this.spec = spec;
        this.manager = parent.newSubManager();
        this.keys = new NDArray[spec.layers()];
        this.values = new NDArray[spec.layers()];
        for (int l = 0; l < spec.layers(); l++) {
            keys[l] = manager.zeros(new Shape(spec.kvHeads(), 1, spec.headDim(), 0));
            values[l] = manager.zeros(new Shape(spec.kvHeads(), 1, 0, spec.headDim()));
        }
    }

    /**
     * A cache holding the given contents (a snapshot coming back): per layer, keys then values,
     * each {@code kvHeads x length x headDim} floats in that order.
     */
    public static KvCache restore(LlamaSpec spec, NDManager parent, float[][] keys, float[][] values, int length) {
        KvCache c = new KvCache(spec, parent);
        long kvh = spec.kvHeads();
        long d = spec.headDim();
        for (int l = 0; l < spec.layers(); l++) {
            NDArray k = c.manager.create(keys[l], new Shape(kvh, 1, d, length));
            NDArray v = c.manager.create(values[l], new Shape(kvh, 1, length, d));
            c.keys[l].close();
            c.values[l].close();
            c.keys[l] = k;
            c.values[l] = v;
        }
        c.length = length;
        return c;
    }

    /** Tokens held. */
    public int length() {
        return length;
    }

    /** Layer {@code l}'s keys, {@code [kvHeads, 1, headDim, length]}. */
    NDArray keys(int l) {
        return keys[l];
    }

    /** Layer {@code l}'s values, {@code [kvHeads, 1, length, headDim]}. */
    NDArray values(int l) {
        return values[l];
    }

    /** Appends {@code n} tokens' keys ({@code [kvHeads, 1, headDim, n]}) and values to layer {@code l}. */
    void append(int l, NDArray k, NDArray v, int n) {
        NDArray nk = NDArrays.concat(new NDList(keys[l], k), 3);
        NDArray nv = NDArrays.concat(new NDList(values[l], v), 2);
        nk.attach(manager);
        nv.attach(manager);
        keys[l].close();
        values[l].close();
        keys[l] = nk;
        values[l] = nv;
        if (l == spec.layers() - 1) {
            length += n;
        }
    }

    /** Layer {@code l}'s keys copied to the host, {@code kvHeads x headDim x length} floats. */
    public float[] hostKeys(int l) {
        return keys[l].toFloatArray();
    }

    /** Layer {@code l}'s values copied to the host, {@code kvHeads x length x headDim} floats. */
    public float[] hostValues(int l) {
        return values[l].toFloatArray();
    }

    /** Layer {@code l}'s keys of tokens {@code from..to-1} copied to the host, {@code kvHeads x headDim x (to - from)} floats. */
    public float[] hostKeys(int l, int from, int to) {
        return host(keys[l], new ai.djl.ndarray.index.NDIndex(":, :, :, {}:{}", from, to), from, to);
    }

    /** Layer {@code l}'s values of tokens {@code from..to-1} copied to the host, {@code kvHeads x (to - from) x headDim} floats. */
    public float[] hostValues(int l, int from, int to) {
        return host(values[l], new ai.djl.ndarray.index.NDIndex(":, :, {}:{}, :", from, to), from, to);
    }

    private float[] host(NDArray a, ai.djl.ndarray.index.NDIndex range, int from, int to) {
        if (from < 0 || from > to || to > length) {
            throw new IllegalArgumentException("tokens " + from + ".." + to + " are not in a cache of " + length);
        }
        try (NDManager scratch = manager.newSubManager()) { // the slice and whatever indexing makes die here
            return a.get(scratch, range).toFloatArray();
        }
    }

    /** Bytes of KV held: tokens x the model's KV bytes per token. */
    public long bytes() {
        return length * spec.kvBytesPerToken();
    }

    @Override
    public void close() {
        manager.close();
    }
}
