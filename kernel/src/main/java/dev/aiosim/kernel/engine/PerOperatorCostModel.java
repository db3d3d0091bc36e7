package dev.aiosim.kernel.engine;

import dev.aiosim.kernel.time.VirtualTimeOverflow;

/**
 * Step time summed over the operators an engine runs, each charged by its own roofline
 * {@code max(flops / (peak x e_compute), bytes / (hbm x e_memory))} with efficiencies measured per
 * operator class, plus the step overhead. It replaces the single-MFU roofline's
 * {@code 2 x params x tokens}, which charges the embedding table and logits for every prompt
 * token and has no term for the element-wise operators. The operators follow Vidur's per-operator
 * decomposition (Agrawal et al., MLSys 2024) and the per-operator rooflines of LLM-Viewer
 * (Yuan et al., 2024, "LLM Inference Unveiled"). Per GPU of a tensor-parallel group of {@code tp},
 * with P the layers' linear parameters ({@link ModelSpec#linearParams()}), T the step's tokens,
 * L layers, h hidden, f intermediate, q = query heads x head dim, k = KV heads x head dim,
 * V vocabulary, b bytes per element and R the calls that sample:
 * <ul>
 *   <li>linear layers: {@code 2 P T / tp} FLOPs, {@code P b / tp} weight bytes;</li>
 *   <li>prefill attention: {@code 4 L q pairs / tp} FLOPs (pairs grow with the square of the
 *       chunk, see {@link StepShape#prefillPairs()}), Q, K, V read and O written
 *       {@code L T_prefill (2q + 2k) b / tp} bytes;</li>
 *   <li>decode attention: {@code 4 L q context / tp} FLOPs, the KV of every running call
 *       {@code context x KV bytes per token / tp} plus Q and O bytes;</li>
 *   <li>KV-cache writes: {@code 2 T x KV bytes per token / tp} (read the new K and V, write them);</li>
 *   <li>element-wise operators (two RMSNorms, two residual adds, rotary, SiLU-and-mul, embedding
 *       gather): {@code T b (L (10h + (2q + 2k + 3f) / tp) + 2h)} bytes, norms and adds
 *       replicated on every GPU;</li>
 *   <li>logits for one token per sampling call: {@code 2 V h R / tp} FLOPs, {@code (V h b + 4 V R) / tp}
 *       bytes (lm_head weights, fp32 logits);</li>
 *   <li>tensor-parallel all-reduce, two per layer of {@code T h b} bytes, a ring moving
 *       {@code 2 (tp - 1) / tp} of it over the interconnect; 0 at tp 1.</li>
 * </ul>
 * The defaults of {@link Efficiencies} say where each efficiency comes from.
 *
 * @param model the model served; its catalog entry must state its dimensions
 * @param gpu the GPU type; with tp above 1 its catalog entry must state its interconnect
 * @param tensorParallel GPUs per engine
 * @param efficiencies fractions of peak each operator class reaches
 * @param overheadNanos fixed per-step cost (scheduling, kernel launches, sampling)
 */
public record PerOperatorCostModel(ModelSpec model, GpuSpec gpu, int tensorParallel, Efficiencies efficiencies,
                                   long overheadNanos) implements CostModel {
    /** Bytes of one fp32 logit. */
    private static final int LOGIT_BYTES = 4;

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
     * Fractions of a GPU's peak that each operator class reaches, each in (0, 1].
     *
     * @param linearCompute linear layers and logits, FLOP/s
     * @param linearMemory linear layers and logits, weight bytes/s
     * @param attentionCompute attention FLOP/s (prefill and decode)
     * @param attentionMemory attention bytes/s (decode reading the KV)
     * @param elementwiseMemory norms, rotary, activations, adds, KV-cache writes, bytes/s
     * @param interconnect all-reduce bytes/s over the GPU link
     */
    public record Efficiencies(double linearCompute, double linearMemory, double attentionCompute,
                               double attentionMemory, double elementwiseMemory, double interconnect) {
        /**
         * The defaults, each from a published measurement, none fitted to step totals.
         * <ul>
         *   <li>linear compute 0.70: in Vidur's A100 profile of Llama-3-8B
         *       ({@code data/profiling/compute/a100/meta-llama/Meta-Llama-3-8B/mlp.csv}) the four
         *       projections run at 0.70-0.74 of 312 TFLOP/s from 512 to 32k tokens;</li>
         *   <li>linear memory 0.78: the same profile at 1 token reads a layer's 436 MB of weights
         *       in 0.276 ms, 0.775 of 2.039 TB/s;</li>
         *   <li>attention compute 0.50: FlashAttention-2 (Dao, 2023) reports its forward pass at
         *       50-73% of A100 peak; the lower end, as one prompt at a time fills the GPU least;</li>
         *   <li>attention memory 0.80: the single roofline's MBU (DESIGN.md section 6), for paged
         *       decode attention reading the KV; Vidur's attention table was not available to us;</li>
         *   <li>element-wise memory 0.53: in the Vidur profile above, the norms, rotary,
         *       SiLU-and-mul and add kernels move the bytes of the formula at 0.53 of HBM
         *       bandwidth, from 512 to 32k tokens;</li>
         *   <li>interconnect 0.80: Vidur's DGX A100 all-reduce profile
         *       ({@code data/profiling/network/a100_dgx/all_reduce.csv}) moves 32 MB between two
         *       GPUs in 0.139 ms, 241 GB/s of NVLink 3's 300 GB/s per direction.</li>
         * </ul>
         */
        public static final Efficiencies DEFAULTS = new Efficiencies(0.70, 0.78, 0.50, 0.80, 0.53, 0.80);

        public Efficiencies {
            check("linear-compute", linearCompute);
            check("linear-memory", linearMemory);
            check("attention-compute", attentionCompute);
            check("attention-memory", attentionMemory);
            check("elementwise-memory", elementwiseMemory);
            check("interconnect", interconnect);
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

        double linear = tokens == 0 ? 0 : roof(2 * p * tokens / (flops * e.linearCompute()),
                p * b / (hbm * e.linearMemory()));
        double prefillAttention = s.prefillTokens() == 0 ? 0
                : roof(model.attentionFlopsPerPair() * s.prefillPairs() / (flops * e.attentionCompute()),
                        layers * prefill * (2 * q + 2 * k) * b / (hbm * e.attentionMemory()));
        double decodeAttention = s.decodeTokens() == 0 ? 0
                : roof(model.attentionFlopsPerPair() * s.decodeContextTokens() / (flops * e.attentionCompute()),
                        (kvPerToken * s.decodeContextTokens() + layers * s.decodeTokens() * 2 * q * b)
                                / (hbm * e.attentionMemory()));
        double kvWrites = 2 * tokens * kvPerToken / (hbm * e.elementwiseMemory());
        // norms and residual adds act on the whole residual stream on every GPU; the rest is split
        double elementBytesPerGpu = tokens * b * (layers * (10 * h + (2 * q + 2 * k + 3 * f) / tp) + 2 * h);
        double elementwise = elementBytesPerGpu / (gpu.hbmBytesPerSec() * e.elementwiseMemory());
        double rows = s.samplingCalls();
        double logits = rows == 0 ? 0 : roof(2 * v * h * rows / (flops * e.linearCompute()),
                (v * h * b + LOGIT_BYTES * v * rows) / (hbm * e.linearMemory()));
        double allReduce = tensorParallel == 1 ? 0
                : 2 * layers * tokens * h * b * 2 * (tp - 1) / tp / (gpu.interconnectBytesPerSec() * e.interconnect());
        return new Terms(linear, prefillAttention, decodeAttention, kvWrites, elementwise, logits, allReduce);
    }

    private static double roof(double computeSeconds, double memorySeconds) {
        return Math.max(computeSeconds, memorySeconds);
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
