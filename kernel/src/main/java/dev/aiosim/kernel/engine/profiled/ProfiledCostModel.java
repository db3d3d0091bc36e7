package dev.aiosim.kernel.engine.profiled;

import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.time.VirtualTimeOverflow;
import java.nio.file.Path;

/**
 * Step time from measured per-operator GPU times (Vidur's profiling tables, read by
 * {@link VidurProfile}), for researchers who want the engine's step costs to be what a real GPU
 * measured rather than a roofline. Per layer, in milliseconds:
 * <pre>
 *   tokenOps(T) + kvCacheSave(T) + prefillAttention(c, k) + decodeAttention(kvPerCall, b)
 * </pre>
 * where T = all tokens of the step (prefill tokens + decoding calls), b = decoding calls,
 * kvPerCall = decode context / b; the step time is that sum x {@code layers} + the step overhead,
 * rounded up to whole nanoseconds. Each term is 0 when its part of the step is empty. This is
 * the sum Vidur's predictor forms (its {@code ExecutionTime.model_time}), without its CPU
 * overheads (give those as the step overhead) and without its 10% batching surcharges for
 * grouped-query attention.
 *
 * <p>{@link StepShape} carries the prefill as totals (tokens P_t and attention pairs P_p) rather
 * than per call, so the prefill attention is looked up for one equivalent prefill (c, k), as
 * Vidur also does for a batch of prefills (sum of KV sizes, root of the sum of squared chunks):
 * with s = 2 P_p - P_t (the sum of squared chunks for prompts without cached context), if
 * s <= P_t^2 then c = sqrt(s), k = 0 (exact for one fresh prompt, Vidur's aggregate for several);
 * otherwise c = P_t and k = (s - P_t^2) / (2 P_t) (exact for one chunk after k cached tokens).
 *
 * <p>The time is positive, and non-decreasing in the prefill tokens of a fresh prompt, in the
 * decode batch at a fixed context per call, and in the context per call at a fixed batch (the
 * tables are cleaned to be monotone, see {@link PiecewiseLinear} and {@link LineTable}).
 *
 * @param profile the operator tables
 * @param layers transformer layers of the model (the tables are per layer), >= 1
 * @param overheadNanos fixed per-step cost (scheduling, sampling, launches), >= 0
 */
public record ProfiledCostModel(VidurProfile profile, int layers, long overheadNanos) implements CostModel {
    private static final double NANOS_PER_MILLI = 1e6;

    public ProfiledCostModel {
        if (profile == null) {
            throw new IllegalArgumentException("profile must be given");
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        }
        if (overheadNanos < 0) {
            throw new IllegalArgumentException("step overhead must be >= 0, got " + overheadNanos);
        }
    }

    /**
     * Loads a profiled cost model from a folder in Vidur's layout,
     * {@code data/profiling/compute/<device>/<model>/} of github.com/microsoft/vidur (for
     * example {@code .../a100/meta-llama/Meta-Llama-3-8B}). The folder must contain:
     * <ul>
     *   <li>{@code mlp.csv}: a header line, then one row per measurement with at least the
     *       columns {@code num_tokens} (integer >= 1), {@code num_tensor_parallel_workers}
     *       (integer >= 1) and the per-layer medians in milliseconds
     *       {@code time_stats.X.median} for X in attn_pre_proj, attn_rope, attn_post_proj,
     *       mlp_up_proj, mlp_act, mlp_down_proj; input_layernorm, post_attention_layernorm and add
     *       are added when present;</li>
     *   <li>{@code attention.csv}: a header line, then rows with at least
     *       {@code num_tensor_parallel_workers}, {@code batch_size} (>= 1),
     *       {@code prefill_chunk_size} (>= 0; 0 marks a decode row), {@code kv_cache_size}
     *       (>= 0), {@code time_stats.attn_prefill.median} and
     *       {@code time_stats.attn_decode.median} (ms), and optionally
     *       {@code time_stats.attn_kv_cache_save.median}; at least one prefill and one decode row
     *       of the chosen tensor-parallel degree.</li>
     * </ul>
     * Fields are plain comma-separated (no quoting); other columns and other tensor-parallel
     * degrees are ignored.
     *
     * @param dir the profiling folder
     * @param layers transformer layers of the model (32 for Llama-3-8B), >= 1
     * @param tensorParallel which {@code num_tensor_parallel_workers} rows to use, >= 1
     * @param overheadNanos fixed per-step cost added to every step, >= 0
     * @throws ProfileFormatException naming file, line and column when the folder does not hold
     *     what is listed above
     */
    public static ProfiledCostModel load(Path dir, int layers, int tensorParallel, long overheadNanos) {
        return new ProfiledCostModel(VidurProfile.read(dir, tensorParallel), layers, overheadNanos);
    }

    /** Per-layer time of the step in milliseconds, before layers and overhead. */
    public double layerMillis(StepShape s) {
        double tokens = (double) s.prefillTokens() + s.decodeTokens();
        double ms = profile.tokenOps().at(tokens) + profile.kvCacheSave().at(tokens);
        if (s.prefillTokens() > 0) {
            double t = s.prefillTokens();
            double squares = Math.max(0, 2.0 * s.prefillPairs() - t);
            double chunk;
            double cached;
            if (squares <= t * t) {
                chunk = Math.sqrt(squares);
                cached = 0;
            } else {
                chunk = t;
                cached = (squares - t * t) / (2 * t);
            }
            ms += profile.prefillAttention().at(chunk, cached);
        }
        if (s.decodeTokens() > 0) {
            ms += profile.decodeAttention().at((double) s.decodeContextTokens() / s.decodeTokens(), s.decodeTokens());
        }
        return ms;
    }

    @Override
    public long stepNanos(StepShape s) {
        double ns = Math.ceil(layerMillis(s) * layers * NANOS_PER_MILLI);
        if (!(ns < 0x1p63)) {
            throw new VirtualTimeOverflow("engine step time from the profiled tables (" + s.tokens()
                    + " tokens, " + layers + " layers)");
        }
        long t = VirtualTimeOverflow.add((long) ns, overheadNanos, "engine step time (step overhead)");
        return Math.max(1, t);
    }
}
