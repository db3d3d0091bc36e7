package dev.aiosim.bench.costmodel;

import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.engine.profiled.ProfiledCostModel;
import dev.aiosim.kernel.engine.profiled.VidurProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of issue 13's validation grid, each timed by a reference (a profiled cost model) and
 * by the models compared with it: fresh prefills of 128 to 8,192 tokens, decode steps of 1 to
 * 256 calls at 512 to 8,192 tokens of context each, and prefill chunks after cached context (the
 * shape chunked-prefill packings produce). A point is marked measured when the reference table
 * measured it (its operators' keys lie within the table's measured range), else the reference
 * extends its table there and the point is left out of the error summary.
 */
public final class ValidationGrid {
    /** Fresh prompt lengths, tokens. */
    public static final long[] PREFILLS = {128, 256, 512, 1024, 2048, 3072, 4096, 6144, 8192};
    /** Decode batch sizes (calls). */
    public static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    /** Decode context per call, tokens. */
    public static final long[] CONTEXTS = {512, 1024, 2048, 4096, 8192};
    /** Prefill chunks (tokens, cached tokens before them). */
    public static final long[][] CHUNKS = {{512, 512}, {512, 4096}, {2048, 2048}, {2048, 8192}, {2048, 14336},
        {7424, 7424}};

    private ValidationGrid() {}

    /** Every grid point timed by {@code reference} and by each of {@code models}, in their order. */
    public static List<GridPoint> evaluate(ProfiledCostModel reference, List<CostModel> models) {
        VidurProfile p = reference.profile();
        List<GridPoint> out = new ArrayList<>();
        for (long n : PREFILLS) {
            StepShape s = new StepShape(n, n * (n + 1) / 2, 0, 0, 1);
            boolean measured = tokensMeasured(p, n) && p.prefillAttention().covers(n, 0);
            out.add(point("prefill", Long.toString(n), s, measured, reference, models));
        }
        for (long ctx : CONTEXTS) {
            for (int b : BATCHES) {
                StepShape s = new StepShape(0, 0, b, b * ctx, b);
                boolean measured = tokensMeasured(p, b) && p.decodeAttention().covers(ctx, b);
                out.add(point("decode", b + " x " + ctx, s, measured, reference, models));
            }
        }
        for (long[] c : CHUNKS) {
            long n = c[0];
            long k = c[1];
            StepShape s = new StepShape(n, n * k + n * (n + 1) / 2, 0, 0, 1);
            boolean measured = tokensMeasured(p, n) && p.prefillAttention().covers(n, k);
            out.add(point("chunk", n + " after " + k, s, measured, reference, models));
        }
        return out;
    }

    private static boolean tokensMeasured(VidurProfile p, double tokens) {
        return tokens >= p.tokenOps().firstKey() && tokens <= p.tokenOps().lastKey();
    }

    private static GridPoint point(String section, String label, StepShape s, boolean measured,
                                   ProfiledCostModel reference, List<CostModel> models) {
        double[] ms = new double[models.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = models.get(i).stepNanos(s) / 1e6;
        }
        return new GridPoint(section, label, s, measured, reference.stepNanos(s) / 1e6, ms);
    }
}
