package dev.aiosim.kernel.engine;

import dev.aiosim.kernel.time.VirtualTimeOverflow;

/**
 * Step time summed over the operators an engine runs, each charged by its own roofline with
 * efficiencies measured per operator class, plus the step overhead. It replaces the single-MFU
 * roofline's {@code 2 x params x tokens}, which charges the embedding table and logits for every
 * prompt token and has no term for the element-wise operators or the KV-cache writes. The
 * operators follow Vidur's per-operator decomposition (Agrawal et al., MLSys 2024) and the
 * per-operator rooflines of LLM-Viewer (Yuan et al., 2024, "LLM Inference Unveiled"). Per GPU
 * of a tensor-parallel group of {@code tp}, with P the layers' linear parameters
 * ({@link ModelSpec#linearParams()}), T the step's tokens, L layers, h hidden, f intermediate,
 * q = query heads x head dim, k = KV heads x head dim, V vocabulary, b bytes per element,
 * K the KV bytes per token of all layers ({@link ModelSpec#kvBytesPerToken()}) and R the calls
 * that sample; {@code gemm(c, m) = sqrt(c^2 + m^2)} is the smooth roofline of a matrix product
 * (near the ridge point neither the tensor cores nor the weight stream reach its peak, so the
 * times add in quadrature rather than the larger one hiding the other):
 * <ul>
 *   <li>linear layers: {@code gemm(2 P T / F_lc, P b / B_lm)};</li>
 *   <li>prefill attention, for P_t prefill tokens with P_p attention pairs (pairs grow with the
 *       square of the chunk, see {@link StepShape#prefillPairs()}) of which
 *       {@code P_c = P_p - P_t (P_t + 1) / 2} reach KV already cached (a chunk of c tokens after
 *       k cached ones: c k): the score and value products {@code 4 L q P_p / F_ac}, plus a
 *       per-token part {@code L P_t (2q + 2k) b / B_io} (loading Q, K, V and writing O, not
 *       overlapped with the products), plus the cached KV streamed from the paged cache once per
 *       tile of {@value #QUERY_TILE} queries, {@code (P_c / }{@value #QUERY_TILE}{@code ) K / B_am};</li>
 *   <li>decode attention: a kernel floor {@code L t_floor}, plus
 *       {@code max(4 L q context / F_ac, (context K + L D 2q b) / B_am)} for D decoding calls
 *       (the KV of every running call, Q in and O out);</li>
 *   <li>KV-cache writes: {@code P_t K / B_kv} for prefill tokens (the engine's KV-save kernel,
 *       measured far below the HBM bandwidth in Vidur's profile) and {@code 2 D K / B_ew} for
 *       decode tokens (read the new K and V, write them);</li>
 *   <li>element-wise operators (two RMSNorms, two residual adds, rotary, SiLU-and-mul, embedding
 *       gather): {@code T b (L (10h + (2q + 2k + 3f) / tp) + 2h) / (hbm x e_ew)} bytes per GPU,
 *       norms and adds replicated on every GPU;</li>
 *   <li>logits for one token per sampling call: {@code gemm(2 V h R / F_lc, (V h b + 4 V R) / B_lm)}
 *       (lm_head weights, fp32 logits);</li>
 *   <li>tensor-parallel all-reduce, two per layer of {@code T h b} bytes, a ring moving
 *       {@code 2 (tp - 1) / tp} of it over the interconnect; 0 at tp 1.</li>
 * </ul>
 * Here {@code F_x = tp x peak FLOP/s x e_x} and {@code B_x = tp x HBM bytes/s x e_x} with the
 * efficiencies of {@link Efficiencies}; its defaults say where each comes from.
 *
 * @param model the model served; its catalog entry must state its dimensions
 * @param gpu the GPU type; with tp above 1 its catalog entry must state its interconnect
 * @param tensorParallel GPUs per engine
 * @param efficiencies fractions of peak each operator class reaches, and the decode-attention floor
 * @param overheadNanos fixed per-step cost (scheduling, kernel launches, sampling)
 */
public record PerOperatorCostModel(ModelSpec model, GpuSpec gpu, int tensorParallel, Efficiencies efficiencies,
                                   long overheadNanos) implements CostModel {
    /** Bytes of one fp32 logit. */
    private static final int LOGIT_BYTES = 4;
    /**
     * Queries per tile of a FlashAttention-style prefill kernel (FlashAttention-2's and
     * FlashInfer's 128-row query tile for head dim 128): each tile streams the cached KV it attends to.
     */
    public static final int QUERY_TILE = 128;

    public PerOperatorCostModel {
        if (tensorParallel < 1) {
            throw new IllegalArgumentException("tensor-parallel must be >= 1, got " + tensorParallel);
        }
        if (model.dimensions() == null) {
            throw new IllegalArgumentException("model " + model.name() + ": the per-operator cost model needs its"
                    + " hidden-size, intermediate-size, vocab-size and tied-embeddings in the catalog");
        }
        if (tensorParallel > 1 && !(gpu.interconnectBytesPerSec() > 0)) {
            throw new IllegalArgumentException("gpu " + gpu.name() + ": the per-operator cost model at tensor-parallel "
                    + tensorParallel + " needs its interconnect-bytes-per-sec in the catalog");
        }
        if (efficiencies == null) {
            throw new IllegalArgumentException("efficiencies are required");
        }
        if (overheadNanos < 0) {
            throw new IllegalArgumentException("step overhead must be >= 0, got " + overheadNanos);
        }
    }

    /**
     * How close each operator class comes to the GPU's peak: fractions in (0, 1], and one
     * latency, the floor of a decode-attention kernel.
     *
     * @param linearCompute linear layers and logits, FLOP/s
     * @param linearMemory linear layers and logits, weight bytes/s
     * @param attentionCompute attention score and value products, FLOP/s (prefill and decode)
     * @param prefillAttentionIo the per-token part of prefill attention (Q, K, V in, O out), bytes/s
     * @param attentionMemory attention bytes/s reading the KV cache (decode, and cached KV in prefill)
     * @param decodeAttentionFloorMicros time of one layer's decode-attention kernel however small
     *     the batch, microseconds, from 0 to 1000
     * @param kvWrite the KV-cache write of prefill tokens, bytes/s
     * @param elementwiseMemory norms, rotary, activations, adds, decode KV-cache writes, bytes/s
     * @param interconnect all-reduce bytes/s over the GPU link
     */
    public record Efficiencies(double linearCompute, double linearMemory, double attentionCompute,
                               double prefillAttentionIo, double attentionMemory, double decodeAttentionFloorMicros,
                               double kvWrite, double elementwiseMemory, double interconnect) {
        /**
         * The defaults, each from a published measurement (Vidur's A100 profile of Llama-3-8B,
         * {@code data/profiling/compute/a100/meta-llama/Meta-Llama-3-8B/} of github.com/microsoft/vidur;
         * fits and out-of-sample checks in paper-notes/validation.md), none fitted to step totals.
         * <ul>
         *   <li>linear compute 0.70: in {@code mlp.csv} the four projections run at 0.70-0.74 of
         *       312 TFLOP/s from 512 to 32k tokens;</li>
         *   <li>linear memory 0.78: the same file at 1 token reads a layer's 436 MB of weights in
         *       0.276 ms, 0.775 of 2.039 TB/s;</li>
         *   <li>attention compute 0.63 and prefill-attention I/O 0.145: least squares of
         *       {@code attn_prefill} on {@code attention.csv}'s fresh prefills (kv_cache_size 0) of
         *       256, 1,024, 4,096, 12,288 and 16,384 tokens; on the other 122 fresh prefills from
         *       256 to 16,384 tokens the error is 2.4% on average (at most 7% from 1,024 tokens up,
         *       20% around 768), and on 72 chunks of 1,536-7,680 tokens after cached context 7%
         *       (FlashAttention-2, Dao 2023, reports 50-73% of A100 peak for its forward pass);</li>
         *   <li>attention memory 0.82 and the decode floor 18.6 us: least squares of
         *       {@code attn_decode} on the decode rows at KV 512 and 4,096 per call; on the rows at
         *       928, 1,024, 2,048, 2,112, 3,968 and 7,936 the error is 4-7% on average;</li>
         *   <li>KV write 0.0037: least squares of {@code attn_kv_cache_save} on the same fresh
         *       prefills (within 4.4% on the other rows from 1,024 to 16,384 tokens; up to twice
         *       the measured time below 1,000 tokens, where the kernel runs about twice as fast per
         *       token); the profiled engine writes a prefill's K and V at 7.6 GB/s (1.1 ms per
         *       layer for 2,048 tokens), far below the HBM bandwidth: a property of that engine's
         *       kernel (Sarathi-Serve's FlashInfer path as Vidur profiled it), not of the GPU;
         *       raise it for an engine whose KV write runs near the bandwidth;</li>
         *   <li>element-wise memory 0.53: in {@code mlp.csv} the norms, rotary, SiLU-and-mul and
         *       add kernels move the bytes of the formula at 0.53 of HBM bandwidth, from 512 to 32k
         *       tokens;</li>
         *   <li>interconnect 0.80: Vidur's DGX A100 all-reduce profile
         *       ({@code data/profiling/network/a100_dgx/all_reduce.csv}) moves 32 MB between two
         *       GPUs in 0.139 ms, 241 GB/s of NVLink 3's 300 GB/s per direction.</li>
         * </ul>
         */
        public static final Efficiencies DEFAULTS = new Efficiencies(0.70, 0.78, 0.63, 0.145, 0.82, 18.6, 0.0037,
                0.53, 0.80);

        public Efficiencies {
            check("linear-compute", linearCompute);
            check("linear-memory", linearMemory);
            check("attention-compute", attentionCompute);
            check("prefill-attention-io", prefillAttentionIo);
            check("attention-memory", attentionMemory);
            check("kv-write", kvWrite);
            check("elementwise-memory", elementwiseMemory);
            check("interconnect", interconnect);
            if (!(decodeAttentionFloorMicros >= 0 && decodeAttentionFloorMicros <= 1000)) {
                throw new IllegalArgumentException("decode-attention floor must be from 0 to 1000 us, got "
                        + decodeAttentionFloorMicros);
            }
        }

        private static void check(String name, double v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " efficiency must be in (0, 1], got " + v);
            }
        }
    }

    /**
     * One step's time per operator class, in seconds, before the step overhead.
     *
     * @param linear linear layers
     * @param prefillAttention attention of the prefill tokens
     * @param decodeAttention attention of the decoding calls
     * @param kvWrites KV-cache writes
     * @param elementwise norms, rotary, activations, residual adds, embedding gather
     * @param logits the output projection for the sampling calls
     * @param allReduce tensor-parallel all-reduce
     */
    public record Terms(double linear, double prefillAttention, double decodeAttention, double kvWrites,
                        double elementwise, double logits, double allReduce) {
        /** The sum of the terms, seconds. */
        public double total() {
            return linear + prefillAttention + decodeAttention + kvWrites + elementwise + logits + allReduce;
        }
    }

    /** The time of each operator class of step {@code s}, seconds. */
    public Terms terms(StepShape s) {
        ModelDimensions d = model.dimensions();
        double tp = tensorParallel;
        double flops = gpu.peakFlops() * tp;
        double hbm = gpu.hbmBytesPerSec() * tp;
        Efficiencies e = efficiencies;
        double b = model.dtypeBytes();
        double layers = model.layers();
        double h = d.hiddenSize();
        double f = d.intermediateSize();
        double q = (double) model.queryHeads() * model.headDim();
        double k = (double) model.kvHeads() * model.headDim();
        double v = d.vocabSize();
        double tokens = (double) s.tokens();
        double prefill = s.prefillTokens();
        double kvPerToken = model.kvBytesPerToken();
        double p = model.linearParams();

        double linear = tokens == 0 ? 0 : gemm(2 * p * tokens / (flops * e.linearCompute()),
                p * b / (hbm * e.linearMemory()));
        double prefillAttention = 0;
        if (prefill > 0) {
            double pairs = s.prefillPairs();
            double cachedPairs = Math.max(0, pairs - prefill * (prefill + 1) / 2);
            prefillAttention = model.attentionFlopsPerPair() * pairs / (flops * e.attentionCompute())
                    + layers * prefill * (2 * q + 2 * k) * b / (hbm * e.prefillAttentionIo())
                    + cachedPairs / QUERY_TILE * kvPerToken / (hbm * e.attentionMemory());
        }
        double decodeAttention = s.decodeTokens() == 0 ? 0
                : layers * e.decodeAttentionFloorMicros() * 1e-6
                        + roof(model.attentionFlopsPerPair() * s.decodeContextTokens() / (flops * e.attentionCompute()),
                                (kvPerToken * s.decodeContextTokens() + layers * s.decodeTokens() * 2 * q * b)
                                        / (hbm * e.attentionMemory()));
        double kvWrites = prefill * kvPerToken / (hbm * e.kvWrite())
                + 2 * s.decodeTokens() * kvPerToken / (hbm * e.elementwiseMemory());
        // norms and residual adds act on the whole residual stream on every GPU; the rest is split
        double elementBytesPerGpu = tokens * b * (layers * (10 * h + (2 * q + 2 * k + 3 * f) / tp) + 2 * h);
        double elementwise = elementBytesPerGpu / (gpu.hbmBytesPerSec() * e.elementwiseMemory());
        double rows = s.samplingCalls();
        double logits = rows == 0 ? 0 : gemm(2 * v * h * rows / (flops * e.linearCompute()),
                (v * h * b + LOGIT_BYTES * v * rows) / (hbm * e.linearMemory()));
        double allReduce = tensorParallel == 1 ? 0
                : 2 * layers * tokens * h * b * 2 * (tp - 1) / tp / (gpu.interconnectBytesPerSec() * e.interconnect());
        return new Terms(linear, prefillAttention, decodeAttention, kvWrites, elementwise, logits, allReduce);
    }

    private static double roof(double computeSeconds, double memorySeconds) {
        return Math.max(computeSeconds, memorySeconds);
    }

    /** The smooth roofline of a matrix product: compute and weight-stream times in quadrature. */
    static double gemm(double computeSeconds, double memorySeconds) {
        return Math.hypot(computeSeconds, memorySeconds);
    }

    @Override
    public long stepNanos(StepShape s) {
        double ns = Math.ceil(terms(s).total() * 1e9);
        if (!(ns < 0x1p63)) {
            throw new VirtualTimeOverflow("engine step time of " + model.name() + " on " + gpu.name()
                    + " (per-operator cost model, " + efficiencies + ")");
        }
        long t = VirtualTimeOverflow.add((long) ns, overheadNanos, "engine step time (step overhead)");
        return Math.max(1, t);
    }
}
