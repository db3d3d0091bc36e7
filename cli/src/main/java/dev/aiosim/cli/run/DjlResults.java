package dev.aiosim.cli.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.cli.results.ResultsFolder;
import dev.aiosim.cli.results.RunInfo;
import dev.aiosim.inference.live.DjlEngines;
import dev.aiosim.inference.live.DjlStats;

/**
 * Writes what a live run on real (DJL) engines measured beyond the kernel's metrics: its step
 * records to {@code steps.csv}, and its engines' totals to its entry in {@code run.json}
 * ({@code "djl": {...}}): steps, real and cost-model time, tokens, snapshots, mismatches, and
 * the mean batch-change time and dispatch gap per step (docs/inference.md, "Per-step records").
 */
final class DjlResults {
    private DjlResults() {}

    static void write(ResultsFolder out, RunInfo info, String policy, long seed, DjlEngines djl) {
        out.steps(policy, seed, djl.steps());
        DjlStats s = djl.stats();
        ObjectNode n = info.lastRun("djl");
        n.put("steps", s.steps());
        n.put("real_s", s.realNanos() / 1e9);
        n.put("model_s", s.modelNanos() / 1e9);
        n.put("prefill_tokens", s.prefillTokens());
        n.put("decode_tokens", s.decodeTokens());
        n.put("swaps", s.swaps());
        n.put("recomputes", s.recomputes());
        n.put("swap_out_bytes", s.swapOutBytes());
        n.put("swap_in_bytes", s.swapInBytes());
        n.put("mismatches", s.mismatches());
        n.put("mean_ops_ms", s.meanOpsNanos() / 1e6);
        if (s.gaps() > 0) {
            n.put("mean_gap_ms", s.meanGapNanos() / 1e6);
        }
        n.put("gaps", s.gaps());
    }
}
