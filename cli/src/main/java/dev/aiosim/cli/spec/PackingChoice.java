package dev.aiosim.cli.spec;

import dev.aiosim.kernel.engine.GpuSpec;
import dev.aiosim.kernel.engine.packing.Orca;
import dev.aiosim.kernel.engine.packing.Sarathi;
import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.engine.packing.VllmV0;
import dev.aiosim.kernel.engine.packing.VllmV1;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads {@code cluster.packing} and the token budget that goes with it
 * ({@code max-num-batched-tokens} for vllm-v1 and vllm-v0, {@code chunk-size} for sarathi), fills
 * in the defaults of the engines each packing models, and says how the resolved spec writes them
 * back (not at all for the default, orca, so older resolved specs stay byte-identical).
 */
final class PackingChoice {
    private PackingChoice() {}

    /**
     * vLLM V1's max_num_batched_tokens for its OpenAI server on a GPU with at least 70 GiB other
     * than the A100 (vllm/engine/arg_utils.py, EngineArgs.get_batch_defaults).
     */
    static final int V1_LARGE_GPU_TOKENS = 8192;
    /** vLLM V1's max_num_batched_tokens for its OpenAI server on the A100 and GPUs under 70 GiB. */
    static final int V1_TOKENS = 2048;
    /**
     * vLLM V0's max_num_batched_tokens without chunked prefill, max(max_model_len, 2048)
     * (vllm/config.py, SchedulerConfig): 131,072 for the 128k context of the Llama 3.1 models.
     */
    static final int V0_TOKENS = 131_072;
    /** Sarathi-Serve's token budget for strict latency targets (OSDI 2024, §5; Vidur's sarathi chunk_size default). */
    static final int SARATHI_CHUNK = 512;
    /** The largest budget accepted: far above any engine's step (16 Mi tokens). */
    static final int MAX_BUDGET = 1 << 24;

    static StepPacking resolve(ClusterSpec c, int maxBatch, GpuSpec gpu) {
        String name = Objects.requireNonNullElse(c.packing(), "orca").trim().toLowerCase(Locale.ROOT);
        Integer batched = c.maxNumBatchedTokens();
        Integer chunk = c.chunkSize();
        return switch (name) {
            case "orca" -> {
                unused("cluster.max-num-batched-tokens", batched, "orca", "vllm-v1 or vllm-v0");
                unused("cluster.chunk-size", chunk, "orca", "sarathi");
                yield StepPacking.DEFAULT;
            }
            case "vllm-v1" -> {
                unused("cluster.chunk-size", chunk, name, "sarathi (vllm-v1 reads max-num-batched-tokens)");
                yield new VllmV1(budget("cluster.max-num-batched-tokens", batched, v1Default(gpu), maxBatch));
            }
            case "vllm-v0", "prefill-first" -> {
                unused("cluster.chunk-size", chunk, name, "sarathi (vllm-v0 reads max-num-batched-tokens)");
                yield new VllmV0(budget("cluster.max-num-batched-tokens", batched, V0_TOKENS, maxBatch));
            }
            case "sarathi" -> {
                unused("cluster.max-num-batched-tokens", batched, name, "vllm-v1 or vllm-v0 (sarathi reads chunk-size)");
                yield new Sarathi(budget("cluster.chunk-size", chunk, SARATHI_CHUNK, maxBatch));
            }
            default -> throw new FieldError("cluster.packing", "expected one of " + String.join(", ", StepPacking.NAMES)
                    + " (or prefill-first), got '" + c.packing() + "'");
        };
    }

    /** vLLM V1's default budget for the cluster's GPU (per device, as vLLM reads it). */
    static int v1Default(GpuSpec gpu) {
        boolean large = gpu.memoryBytes() >= 70.0 * (1L << 30) && !gpu.name().toUpperCase(Locale.ROOT).contains("A100");
        return large ? V1_LARGE_GPU_TOKENS : V1_TOKENS;
    }

    private static void unused(String path, Integer v, String packing, String users) {
        if (v != null) {
            throw new FieldError(path, "not used by packing " + packing + "; only by " + users);
        }
    }

    /** A budget: from max-batch (every running call must fit one decode token, as vLLM checks) to {@link #MAX_BUDGET}. */
    private static int budget(String path, Integer v, int d, int maxBatch) {
        int b = v == null ? Math.max(d, maxBatch) : v;
        if (b < maxBatch || b > MAX_BUDGET) {
            throw new FieldError(path, "expected tokens per step from cluster.max-batch (" + maxBatch + ") to " + MAX_BUDGET
                    + ", got " + b);
        }
        return b;
    }

    static String writtenName(StepPacking p) {
        return p instanceof Orca ? null : p.name();
    }

    static Integer writtenBatchedTokens(StepPacking p) {
        return p instanceof VllmV1 || p instanceof VllmV0 ? p.tokenBudget() : null;
    }

    static Integer writtenChunkSize(StepPacking p) {
        return p instanceof Sarathi s ? s.chunkSize() : null;
    }
}
