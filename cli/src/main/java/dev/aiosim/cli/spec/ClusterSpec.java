package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code cluster} section: identical engines serving one model on one GPU type, and the
 * concurrency of the tool, memory and storage resources. Absent values are {@code null}.
 *
 * @param engines number of engines (default 1)
 * @param gpu GPU catalog name (default H100-SXM)
 * @param model model catalog name (default Llama-3.1-8B)
 * @param tensorParallel GPUs per engine (default: the model's catalog value)
 * @param maxBatch inference slots per engine (default 256, vLLM's max_num_seqs)
 * @param kvTokens KV pool per engine in tokens (default derived from GPU memory)
 * @param gpuMemoryUtilization fraction of GPU memory for weights plus KV when deriving kv-tokens (0.9)
 * @param preemption swap or recompute (swap)
 * @param hostSwap host memory for swapped-out KV per engine (64GiB)
 * @param costModel step cost model: {@code roofline} (default) or {@code per-operator}, or a mapping
 *     with {@code kind} and that kind's parameters
 * @param mfu model FLOPs utilisation (0.5)
 * @param mbu memory bandwidth utilisation (0.8)
 * @param stepOverhead fixed cost per engine step (1ms)
 * @param dispatcher round-robin or least-loaded
 * @param catalog a catalog file instead of the bundled one, relative to the spec
 * @param toolConcurrency concurrent tool calls, 0 = unlimited
 * @param memoryConcurrency concurrent memory calls, 0 = unlimited
 * @param storageConcurrency concurrent storage calls, 0 = unlimited
 * @param prefixCache on or off (default off): engines keep a prefix cache of named KV blocks
 * @param packing step packing: orca (default), vllm-v1, vllm-v0 (alias prefill-first) or sarathi
 * @param maxNumBatchedTokens token budget per step of vllm-v1 and vllm-v0 (vLLM's max_num_batched_tokens)
 * @param chunkSize token budget per step of sarathi
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSpec(
        @JsonProperty("engines") Integer engines,
        @JsonProperty("gpu") String gpu,
        @JsonProperty("model") String model,
        @JsonProperty("tensor-parallel") Integer tensorParallel,
        @JsonProperty("max-batch") Integer maxBatch,
        @JsonProperty("kv-tokens") Long kvTokens,
        @JsonProperty("gpu-memory-utilization") Double gpuMemoryUtilization,
        @JsonProperty("preemption") String preemption,
        @JsonProperty("host-swap") ByteSize hostSwap,
        @JsonProperty("cost-model") CostModelSpec costModel,
        @JsonProperty("mfu") Double mfu,
        @JsonProperty("mbu") Double mbu,
        @JsonProperty("step-overhead") DurationValue stepOverhead,
        @JsonProperty("dispatcher") String dispatcher,
        @JsonProperty("catalog") String catalog,
        @JsonProperty("tool-concurrency") Integer toolConcurrency,
        @JsonProperty("memory-concurrency") Integer memoryConcurrency,
        @JsonProperty("storage-concurrency") Integer storageConcurrency,
        @JsonProperty("prefix-cache") String prefixCache,
        @JsonProperty("packing") String packing,
        @JsonProperty("max-num-batched-tokens") Integer maxNumBatchedTokens,
        @JsonProperty("chunk-size") Integer chunkSize) {

    /** A cluster section with every value left to its default. */
    public static ClusterSpec defaults() {
        return new ClusterSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }
}
