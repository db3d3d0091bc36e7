package dev.aiosim.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * A Llama-shaped decoder (see {@link LlamaSpec}) on DJL NDArrays, run one batched forward at a
 * time over several sequences: the tokens of all sequences are stacked into one matrix for the
 * projections and the MLP (one matrix multiply each per layer, as continuous batching does), and
 * attention runs per sequence against that sequence's {@link KvCache}, causal within the new
 * tokens. A sequence's new tokens are a prefill (its whole prompt, or its whole context again
 * when it is recomputed) or one decode token; both are the same to the forward.
 *
 * <p>Weights live in the model's own manager; everything a forward makes lives in the step
 * manager the caller passes, except the KV appended to each cache. Ops are always called on a
 * step array, never on a weight or a cache array, because DJL attaches an op's result to the
 * manager of the array it is called on. Within a forward, each layer's temporaries live in a
 * sub-manager closed when the layer is done, and each sequence's attention temporaries in one
 * closed when that sequence is done: a step holds one layer's intermediates, not all of them,
 * which on a CPU keeps the memory the allocator must map (and fault in) small.
 */
public final class LlamaModel implements AutoCloseable {
    /**
     * Query rows whose attention scores are computed at once: a prefill longer than this is done
     * in blocks of rows, so that it holds rows x context scores rather than n x context (a
     * 4,000-token prompt of {@code tiny} would otherwise materialise 266 MB of scores per layer).
     */
    static final int ATTENTION_ROWS = 256;

    /** The new tokens of one sequence in a forward, with its cache (which the forward extends). */
    public record Segment(KvCache cache, int[] tokens) {
        public Segment {
            if (tokens.length == 0) {
                throw new IllegalArgumentException("a segment has at least one token");
            }
        }
    }

    private record Layer(NDArray attnNorm, NDArray wq, NDArray wk, NDArray wv, NDArray wo, NDArray mlpNorm,
                         NDArray gate, NDArray up, NDArray down) {}

    private final LlamaSpec spec;
    private final NDManager manager;
    private final NDArray embed;
    private final Layer[] layers;
    private final NDArray finalNorm;
    private final NDArray lmHead;
    private final double[] invFreq;

    private LlamaModel(LlamaSpec spec, NDManager manager, NDArray embed, Layer[] layers, NDArray finalNorm, NDArray lmHead) {
        this.spec = spec;
        this.manager = manager;
        this.embed = embed;
        this.layers = layers;
        this.finalNorm = finalNorm;
        this.lmHead = lmHead;
        int half = spec.headDim() / 2;
        this.invFreq = new double[half];
        for (int i = 0; i < half; i++) {
            invFreq[i] = Math.pow(spec.ropeTheta(), -2.0 * i / spec.headDim());
        }
    }

    /** Builds the model from {@code weights} (Hugging Face names and layout) in a sub-manager of {@code parent}. */
    public static LlamaModel build(LlamaSpec spec, WeightSource weights, NDManager parent) {
        NDManager m = parent.newSubManager();
        try {
            long h = spec.hidden();
            long qd = (long) spec.heads() * spec.headDim();
            long kvd = (long) spec.kvHeads() * spec.headDim();
            long in = spec.intermediate();
            NDArray embed = m.create(weights.tensor("model.embed_tokens.weight", spec.vocab(), h), new Shape(spec.vocab(), h));
            Layer[] layers = new Layer[spec.layers()];
            for (int l = 0; l < layers.length; l++) {
                String p = "model.layers." + l + ".";
                layers[l] = new Layer(
                        vector(m, weights, p + "input_layernorm.weight", h),
                        linear(m, weights, p + "self_attn.q_proj.weight", qd, h),
                        linear(m, weights, p + "self_attn.k_proj.weight", kvd, h),
                        linear(m, weights, p + "self_attn.v_proj.weight", kvd, h),
                        linear(m, weights, p + "self_attn.o_proj.weight", h, qd),
                        vector(m, weights, p + "post_attention_layernorm.weight", h),
                        linear(m, weights, p + "mlp.gate_proj.weight", in, h),
                        linear(m, weights, p + "mlp.up_proj.weight", in, h),
                        linear(m, weights, p + "mlp.down_proj.weight", h, in));
            }
            NDArray norm = vector(m, weights, "model.norm.weight", h);
            NDArray head = spec.tiedEmbeddings() || !weights.has("lm_head.weight")
                    ? linear(m, weights, "model.embed_tokens.weight", spec.vocab(), h)
                    : linear(m, weights, "lm_head.weight", spec.vocab(), h);
            return new LlamaModel(spec, m, embed, layers, norm, head);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static NDArray vector(NDManager m, WeightSource w, String name, long n) {
        return m.create(w.tensor(name, n), new Shape(n));
    }

    /** A linear layer's weight, read as {@code [out, in]} and kept transposed, {@code [in, out]}, so that y = x W. */
    private static NDArray linear(NDManager m, WeightSource w, String name, long out, long in) {
        float[] a = w.tensor(name, out, in);
        float[] t = new float[a.length];
        int o = (int) out;
        int n = (int) in;
        for (int r = 0; r < o; r++) {
            for (int c = 0; c < n; c++) {
                t[c * o + r] = a[r * n + c];
            }
        }
        return m.create(t, new Shape(in, out));
    }

    public LlamaSpec spec() {
        return spec;
    }

    /** A new, empty KV cache for one sequence, in a sub-manager of {@code parent}. */
    public KvCache newCache(NDManager parent) {
        return new KvCache(spec, parent);
    }

    /**
     * One forward over {@code segments}: appends each segment's tokens to its cache and returns
     * the logits of each segment's last token, {@code [segments, vocab]}, in the step manager
     * {@code m}. A segment's new tokens sit at the positions after its cache's length.
     */
    public NDArray forward(NDManager m, List<Segment> segments) {
        int total = 0;
        for (Segment s : segments) {
            total += s.tokens().length;
        }
        long[] ids = new long[total];
        long[] last = new long[segments.size()];
        int[] positions = new int[total];
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            for (int j = 0; j < s.tokens().length; j++) {
                int t = s.tokens()[j];
                if (t < 0 || t >= spec.vocab()) {
                    throw new IllegalArgumentException("token " + t + " outside the vocabulary 0.." + (spec.vocab() - 1));
                }
                ids[at] = t;
                positions[at++] = s.cache().length() + j;
            }
            last[i] = at - 1;
        }
        NDArray cos = rotary(m, positions, true);
        NDArray sin = rotary(m, positions, false);
        NDArray x = embed.get(m, new NDIndex("{}", m.create(ids)));
        for (int l = 0; l < layers.length; l++) {
            // each layer's temporaries live in their own manager, freed when the layer is done, so
            // a step holds one layer's intermediates at a time (not all layers'): less memory to
            // map, and the allocator reuses what the previous layer freed
            try (NDManager lm = m.newSubManager()) {
                x.attach(lm); // the layer's input goes with its temporaries
                NDArray next = layer(lm, layers[l], l, segments, x, cos, sin, total);
                next.attach(m);
                x = next;
            }
        }
        NDArray tail = x.get(new NDIndex("{}", m.create(last)));
        return rmsNorm(tail, finalNorm).matMul(lmHead);
    }

    /** Layer {@code l} over the step's tokens {@code x} ({@code [total, hidden]}, in {@code lm}); the result is in {@code lm}. */
    private NDArray layer(NDManager lm, Layer w, int l, List<Segment> segments, NDArray x, NDArray cos, NDArray sin, int total) {
        int heads = spec.heads();
        int kvHeads = spec.kvHeads();
        int d = spec.headDim();
        NDArray h = rmsNorm(x, w.attnNorm);
        NDArray q = rope(h.matMul(w.wq).reshape(total, heads, d), cos, sin);
        NDArray k = rope(h.matMul(w.wk).reshape(total, kvHeads, d), cos, sin);
        NDArray v = h.matMul(w.wv).reshape(total, kvHeads, d);
        NDList outs = new NDList(segments.size());
        int off = 0;
        for (Segment s : segments) {
            int n = s.tokens().length;
            // one sequence's scores, mask and softmax at a time, freed before the next sequence's
            try (NDManager am = lm.newSubManager()) {
                NDArray qs = q.get("{}:{}", off, off + n);
                NDArray ks = k.get("{}:{}", off, off + n);
                NDArray vs = v.get("{}:{}", off, off + n);
                qs.attach(am);
                ks.attach(am);
                vs.attach(am);
                NDArray out = attention(am, s.cache(), l, qs, ks, vs, n);
                out.attach(lm);
                outs.add(out);
            }
            off += n;
        }
        NDArray attn = outs.size() == 1 ? outs.get(0) : NDArrays.concat(outs, 0);
        NDArray x1 = x.add(attn.matMul(w.wo));
        NDArray h2 = rmsNorm(x1, w.mlpNorm);
        NDArray g = h2.matMul(w.gate);
        NDArray act = g.mul(Activation.sigmoid(g)).mul(h2.matMul(w.up));
        return x1.add(act.matMul(w.down));
    }

    /**
     * Attention of one sequence's {@code n} new tokens ({@code q [n, heads, d]}, {@code k, v
     * [n, kvHeads, d]}) at layer {@code l}: appends k and v to the cache, then attends over the
     * whole cache, causally. Returns {@code [n, heads x d]}.
     */
    private NDArray attention(NDManager m, KvCache cache, int l, NDArray q, NDArray k, NDArray v, int n) {
        int kvHeads = spec.kvHeads();
        int d = spec.headDim();
        int before = cache.length();
        cache.append(l, k.transpose(1, 2, 0).expandDims(1), v.transpose(1, 0, 2).expandDims(1), n);
        // [n, heads, d] -> [kvHeads, groups, n, d]: query head h uses KV head h / groups, as Llama's repeat_kv
        NDArray qh = q.transpose(1, 0, 2).reshape(kvHeads, spec.groups(), n, d);
        NDArray out;
        if (n <= ATTENTION_ROWS) {
            out = rows(m, qh, cache, l, before, 0, n, before + n);
        } else {
            // a long prefill in blocks of query rows, each against the keys up to its last row (as
            // FlashAttention tiles it): the scores held are ATTENTION_ROWS x context, not n x context
            NDList parts = new NDList((n + ATTENTION_ROWS - 1) / ATTENTION_ROWS);
            for (int r0 = 0; r0 < n; r0 += ATTENTION_ROWS) {
                int r1 = Math.min(n, r0 + ATTENTION_ROWS);
                try (NDManager bm = m.newSubManager()) {
                    NDArray qb = qh.get(":, :, {}:{}, :", r0, r1);
                    qb.attach(bm);
                    NDArray o = rows(bm, qb, cache, l, before, r0, r1, before + n);
                    o.attach(m);
                    parts.add(o);
                }
            }
            out = NDArrays.concat(parts, 2);
        }
        return out.reshape(spec.heads(), n, d).transpose(1, 0, 2).reshape(n, (long) spec.heads() * d);
    }

    /**
     * Attention of new-token rows {@code r0..r1} ({@code qRows [kvHeads, groups, r1 - r0, d]}, in
     * {@code m}) over the cache's keys up to the last of those rows' positions ({@code before + r1}),
     * causally; {@code len} is the layer's cache length with the new tokens. Returns
     * {@code [kvHeads, groups, r1 - r0, d]} in {@code m}.
     */
    private NDArray rows(NDManager m, NDArray qRows, KvCache cache, int l, int before, int r0, int r1, int len) {
        int d = spec.headDim();
        int keysEnd = before + r1;
        // slices of the cache are taken into m (an op called on a cache array would put its result in the cache's manager)
        NDArray keys = keysEnd == len ? cache.keys(l) : cache.keys(l).get(m, new NDIndex(":, :, :, :{}", keysEnd));
        NDArray values = keysEnd == len ? cache.values(l) : cache.values(l).get(m, new NDIndex(":, :, :{}, :", keysEnd));
        NDArray scores = qRows.matMul(keys).mul((float) (1 / Math.sqrt(d)));
        int rows = r1 - r0;
        if (rows > 1) {
            float[] mask = new float[rows * keysEnd];
            for (int i = 0; i < rows; i++) {
                for (int j = before + r0 + i + 1; j < keysEnd; j++) {
                    mask[i * keysEnd + j] = Float.NEGATIVE_INFINITY;
                }
            }
            scores = scores.add(m.create(mask, new Shape(rows, keysEnd)));
        }
        return scores.softmax(-1).matMul(values);
    }

    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray scale = x.square().mean(new int[] {-1}, true).add((float) spec.rmsEps()).pow(-0.5f);
        return x.mul(scale).mul(weight);
    }

    /** Rotate-half RoPE (the Hugging Face Llama layout): x cos + rotate_half(x) sin, with cos and sin {@code [T, 1, d]}. */
    private NDArray rope(NDArray x, NDArray cos, NDArray sin) {
        int half = spec.headDim() / 2;
        NDArray x1 = x.get(":, :, :{}", half);
        NDArray x2 = x.get(":, :, {}:", half);
        NDArray rotated = x2.neg().concat(x1, -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    /** cos (or sin) of each position's rotary angles, {@code [T, 1, headDim]}, the half-width angles repeated twice. */
    private NDArray rotary(NDManager m, int[] positions, boolean cos) {
        int d = spec.headDim();
        int half = d / 2;
        float[] a = new float[positions.length * d];
        for (int t = 0; t < positions.length; t++) {
            for (int i = 0; i < half; i++) {
                double angle = positions[t] * invFreq[i];
                float f = (float) (cos ? Math.cos(angle) : Math.sin(angle));
                a[t * d + i] = f;
                a[t * d + half + i] = f;
            }
        }
        return m.create(a, new Shape(positions.length, 1, d));
    }

    @Override
    public void close() {
        manager.close();
    }
}
