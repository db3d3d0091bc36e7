package dev.aiosim.cli.spec;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.core.KernelConfig;
import dev.aiosim.kernel.engine.Catalog;
import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.engine.GpuSpec;
import dev.aiosim.kernel.engine.ModelSpec;
import dev.aiosim.kernel.engine.packing.StepPacking;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code cluster} section with every default filled in and checked against the catalog, and
 * the kernel configuration it describes. Engines are identical; with tensor parallelism
 * {@code tp}, one engine's KV pool spans tp GPUs and its swap traffic uses tp PCIe links.
 *
 * @param engines engines
 * @param gpu GPU
 * @param model model
 * @param tensorParallel GPUs per engine
 * @param maxBatch slots per engine
 * @param kvTokens KV pool per engine (explicit or derived)
 * @param kvDerived whether kv-tokens was derived from GPU memory
 * @param gpuMemoryUtilization utilisation used to derive kv-tokens
 * @param preemption swap or recompute
 * @param hostSwap host swap space per engine
 * @param costModel the step cost model chosen by {@code cost-model}
 * @param mfu model FLOPs utilisation (roofline)
 * @param mbu memory bandwidth utilisation (roofline)
 * @param stepOverhead fixed cost per step
 * @param dispatcher round-robin or least-loaded
 * @param catalogFile the catalog file, absolute, or null for the bundled one
 * @param toolConcurrency tool calls at once, 0 = unlimited
 * @param memoryConcurrency memory calls at once, 0 = unlimited
 * @param storageConcurrency storage calls at once, 0 = unlimited
 * @param prefixCache whether engines keep a prefix cache (spec {@code prefix-cache: on|off}, default off)
 * @param gpuSpec the catalog's GPU
 * @param modelSpec the catalog's model
 * @param packing how engines pack their steps ({@code packing}, with its token budget)
 * @param contextWindowTokens the model's maximum context length from the catalog, 0 when it states none
 */
public record ResolvedCluster(int engines, String gpu, String model, int tensorParallel, int maxBatch, long kvTokens,
                              boolean kvDerived, double gpuMemoryUtilization, PreemptionMode preemption,
                              ByteSize hostSwap, CostModelChoice costModel, double mfu, double mbu,
                              DurationValue stepOverhead, String dispatcher, String catalogFile, int toolConcurrency,
                              int memoryConcurrency, int storageConcurrency, boolean prefixCache, GpuSpec gpuSpec, ModelSpec modelSpec,
                              StepPacking packing, long contextWindowTokens) {
    static final List<String> DISPATCHERS = List.of("round-robin", "least-loaded");
    /** Default slots per engine: vLLM's {@code max_num_seqs}. */
    public static final int DEFAULT_MAX_BATCH = 256;
    /** Default host swap space per engine. */
    public static final ByteSize DEFAULT_HOST_SWAP = new ByteSize(64L << 30);

    /** Fills in defaults, looks the GPU and model up and checks every value. */
    static ResolvedCluster resolve(ClusterSpec c) {
        if (c == null) {
            c = ClusterSpec.defaults();
        }
        int engines = atLeast("cluster.engines", or(c.engines(), 1), 1);
        Catalog catalog;
        String catalogFile = c.catalog();
        if (catalogFile == null) {
            catalog = Catalog.bundled();
        } else {
            try {
                catalog = Catalog.load(Path.of(catalogFile));
            } catch (IOException e) {
                throw new FieldError("cluster.catalog", "cannot read catalog file " + catalogFile + " (" + e + ")");
            } catch (IllegalArgumentException e) {
                throw new FieldError("cluster.catalog", e.getMessage());
            }
        }
        String gpuName = Objects.requireNonNullElse(c.gpu(), "H100-SXM");
        String modelName = Objects.requireNonNullElse(c.model(), "Llama-3.1-8B");
        GpuSpec gpu;
        ModelSpec model;
        try {
            gpu = catalog.gpu(gpuName);
        } catch (IllegalArgumentException e) {
            throw new FieldError("cluster.gpu", e.getMessage());
        }
        try {
            model = catalog.model(modelName);
        } catch (IllegalArgumentException e) {
            throw new FieldError("cluster.model", e.getMessage());
        }
        int tp = atLeast("cluster.tensor-parallel", or(c.tensorParallel(), model.defaultTensorParallel()), 1);
        int maxBatch = atLeast("cluster.max-batch", or(c.maxBatch(), DEFAULT_MAX_BATCH), 1);
        double util = fraction("cluster.gpu-memory-utilization", c.gpuMemoryUtilization() == null ? 0.9 : c.gpuMemoryUtilization());
        long kv;
        boolean derived = c.kvTokens() == null;
        if (derived) {
            kv = EngineConfig.derivedKvTokens(model, gpu, tp, util);
            if (kv < 1) {
                throw new FieldError("cluster.kv-tokens", String.format(Locale.ROOT,
                        "no room for KV: %s weights (%.1f GB) do not fit %d x %s (%.0f GB) at gpu-memory-utilization %s;"
                                + " raise tensor-parallel or give kv-tokens", model.name(), model.weightBytes() / 1e9, tp,
                        gpu.name(), gpu.memoryBytes() / 1e9, util));
            }
        } else {
            kv = c.kvTokens();
            if (kv < 1) {
                throw new FieldError("cluster.kv-tokens", "expected an integer >= 1, got " + kv);
            }
        }
        PreemptionMode mode;
        try {
            mode = PreemptionMode.parse(Objects.requireNonNullElse(c.preemption(), "swap"));
        } catch (IllegalArgumentException e) {
            throw new FieldError("cluster.preemption", "expected swap or recompute, got '" + c.preemption() + "'");
        }
        ByteSize swap = Objects.requireNonNullElse(c.hostSwap(), DEFAULT_HOST_SWAP);
        double mfu = fraction("cluster.mfu", c.mfu() == null ? 0.5 : c.mfu());
        double mbu = fraction("cluster.mbu", c.mbu() == null ? 0.8 : c.mbu());
        DurationValue overhead = Objects.requireNonNullElse(c.stepOverhead(), new DurationValue(1_000_000L));
        String dispatcher = Objects.requireNonNullElse(c.dispatcher(), "round-robin");
        if (!DISPATCHERS.contains(dispatcher)) {
            throw new FieldError("cluster.dispatcher", "expected one of " + String.join(", ", DISPATCHERS) + ", got '" + dispatcher + "'");
        }
        int tool = atLeast("cluster.tool-concurrency", or(c.toolConcurrency(), 0), 0);
        int memory = atLeast("cluster.memory-concurrency", or(c.memoryConcurrency(), 0), 0);
        int storage = atLeast("cluster.storage-concurrency", or(c.storageConcurrency(), 0), 0);
        boolean prefixCache = onOff("cluster.prefix-cache", c.prefixCache(), false);
        CostModelChoice costModel = CostModelChoice.resolve(c.costModel());
        StepPacking packing = PackingChoice.resolve(c, maxBatch, gpu);
        ResolvedCluster r = new ResolvedCluster(engines, gpu.name(), model.name(), tp, maxBatch, kv, derived, util, mode,
                swap, costModel, mfu, mbu, overhead, dispatcher, catalogFile, tool, memory, storage, prefixCache, gpu, model,
                packing, catalog.contextWindow(model.name()));
        try {
            costModel.build(r);
        } catch (IllegalArgumentException e) {
            throw new FieldError("cluster.cost-model", e.getMessage());
        }
        return r;
    }

    /** {@code on} or {@code off}; YAML 1.1 readers may hand {@code on}/{@code off} over as true/false. */
    private static boolean onOff(String path, String v, boolean d) {
        if (v == null) {
            return d;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new FieldError(path, "expected on or off, got '" + v + "'");
        };
    }

    private static int or(Integer v, int d) {
        return v == null ? d : v;
    }

    private static int atLeast(String path, int v, int min) {
        if (v < min) {
            throw new FieldError(path, "expected an integer >= " + min + ", got " + v);
        }
        return v;
    }

    /**
     * A utilisation: a fraction of the GPU's peak. Below 1% no serving engine runs (and step
     * times leave the range where virtual time means anything), so that is the lower limit.
     */
    private static double fraction(String path, double v) {
        if (!(v >= 0.01 && v <= 1)) {
            throw new FieldError(path, "expected a fraction of peak from 0.01 to 1, got " + v);
        }
        return v;
    }

    /**
     * The kernel configuration: {@code engines} identical engines with the chosen cost model, their
     * swaps over tp PCIe links, or at a calibration's measured swap speed.
     */
    public KernelConfig kernelConfig() {
        EngineConfig engine = new EngineConfig(maxBatch, kvTokens, modelSpec.kvBytesPerToken(), preemption,
                hostSwap.bytes(), costModel.swapBytesPerSec(gpuSpec.pcieBytesPerSec() * tensorParallel),
                costModel.build(this), prefixCache, packing);
        return new KernelConfig(Collections.nCopies(engines, engine), dispatcher, toolConcurrency, memoryConcurrency,
                storageConcurrency);
    }

    /**
     * The section as the resolved spec writes it: every value explicit, in the record the section
     * is read into, so reading and writing share one list of keys. The one exception is
     * {@code cost-model}, written only when it is not the default roofline, and {@code packing}
     * with its budget, written only when it is not the default orca, so that the resolved specs of
     * runs that never chose them stay as they were.
     */
    public ClusterSpec written() {
        return new ClusterSpec(engines, gpu, model, tensorParallel, maxBatch, kvTokens, gpuMemoryUtilization,
                preemption.name().toLowerCase(Locale.ROOT), hostSwap, costModel.written(), mfu, mbu, stepOverhead,
                dispatcher, catalogFile, toolConcurrency, memoryConcurrency, storageConcurrency, prefixCache ? "on" : "off",
                PackingChoice.writtenName(packing), PackingChoice.writtenBatchedTokens(packing),
                PackingChoice.writtenChunkSize(packing));
    }
}
