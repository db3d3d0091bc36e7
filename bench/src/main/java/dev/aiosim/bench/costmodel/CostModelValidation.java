package dev.aiosim.bench.costmodel;

import dev.aiosim.kernel.engine.Catalog;
import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.GpuSpec;
import dev.aiosim.kernel.engine.ModelSpec;
import dev.aiosim.kernel.engine.PerOperatorCostModel;
import dev.aiosim.kernel.engine.RooflineCostModel;
import dev.aiosim.kernel.engine.StepShape;
import dev.aiosim.kernel.engine.profiled.ProfiledCostModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints how far the roofline and the per-operator roofline are from measured step times (issue
 * 13, paper-notes/validation.md): the step time of every point of {@link ValidationGrid} under a
 * profiled cost model read from Vidur-format tables, under each model, the signed error, and the
 * mean and largest absolute error per model. No model adds a step overhead here: the comparison
 * is of GPU time, which is what the tables measure.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.aiosim.bench.costmodel.CostModelValidation
 * PROFILE_DIR [--model NAME] [--gpu NAME] [--tp N] [--mfu X] [--mbu X]} (or
 * {@code bench/validate-cost-models.sh}); defaults Llama-3.1-8B, A100-SXM-80G, tp 1, the
 * roofline's MFU 0.5 and MBU 0.8 (aiosim's defaults).
 */
public final class CostModelValidation {
    private static final List<String> NAMES = List.of("roofline", "per-operator");

    private CostModelValidation() {}

    /** The settings of one validation run. */
    record Options(Path profile, String model, String gpu, int tp, double mfu, double mbu) {
        static Options parse(String[] args) {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new IllegalArgumentException("expected PROFILE_DIR (a folder with Vidur's mlp.csv and attention.csv)"
                        + " [--model NAME] [--gpu NAME] [--tp N] [--mfu X] [--mbu X]");
            }
            Path dir = Path.of(args[0]);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(args[0] + ": expected a folder with Vidur's mlp.csv and attention.csv"
                        + (Files.exists(dir) ? " (not a folder)" : " (no such folder)"));
            }
            String model = "Llama-3.1-8B";
            String gpu = "A100-SXM-80G";
            int tp = 1;
            double mfu = 0.5;
            double mbu = 0.8;
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + ": expected a value after it");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--model" -> model = v;
                    case "--gpu" -> gpu = v;
                    case "--tp" -> tp = (int) number(args[i], v, 1, 64, true);
                    case "--mfu" -> mfu = number(args[i], v, 0.01, 1, false);
                    case "--mbu" -> mbu = number(args[i], v, 0.01, 1, false);
                    default -> throw new IllegalArgumentException(args[i] + ": unknown option; expected --model, --gpu,"
                            + " --tp, --mfu or --mbu");
                }
            }
            return new Options(dir, model, gpu, tp, mfu, mbu);
        }

        private static double number(String option, String v, double min, double max, boolean integer) {
            double x;
            try {
                x = integer ? Integer.parseInt(v.trim()) : Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                x = Double.NaN;
            }
            if (!(x >= min && x <= max)) {
                throw new IllegalArgumentException(option + ": expected " + (integer ? "an integer" : "a number") + " from "
                        + (integer ? Integer.toString((int) min) : Double.toString(min)) + " to "
                        + (integer ? Integer.toString((int) max) : Double.toString(max)) + ", got '" + v + "'");
            }
            return x;
        }
    }

    public static void main(String[] args) {
        try {
            run(Options.parse(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("validate-cost-models: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Builds the models, evaluates the grid and prints it to {@code out}. */
    static void run(Options o, PrintStream out) {
        Catalog catalog = Catalog.bundled();
        ModelSpec model = lookupModel(catalog, o.model());
        GpuSpec gpu = lookupGpu(catalog, o.gpu());
        ProfiledCostModel reference = ProfiledCostModel.load(o.profile(), model.layers(), o.tp(), 0);
        List<CostModel> models = List.of(new RooflineCostModel(model, gpu, o.tp(), o.mfu(), o.mbu(), 0),
                new PerOperatorCostModel(model, gpu, o.tp(), PerOperatorCostModel.Efficiencies.DEFAULTS, 0));
        List<GridPoint> grid = ValidationGrid.evaluate(reference, models);
        out.printf(Locale.ROOT, "Cost models against the profiled tables in %s%n", o.profile());
        out.printf(Locale.ROOT, "%s (%d layers) on %s, tp %d; roofline MFU %s, MBU %s; per-operator default"
                + " efficiencies; no step overhead (GPU time only). '*' marks a point the table did not measure"
                + " (its value is the table's extension; left out of the summary).%n", model.name(), model.layers(),
                gpu.name(), o.tp(), o.mfu(), o.mbu());
        printSection(out, grid, "prefill", "Fresh prefill (one prompt)", "prompt tokens");
        printSection(out, grid, "decode", "Decode (calls x context per call)", "calls x context");
        printSection(out, grid, "chunk", "Prefill chunk after cached context", "chunk after cached");
        out.printf(Locale.ROOT, "%nError summary (measured points only)%n%n");
        out.println("| model | section | points | mean abs error | max abs error | worst point |");
        out.println("|---|---|---:|---:|---:|---|");
        for (int i = 0; i < NAMES.size(); i++) {
            for (String section : List.of("prefill", "decode", "chunk", "all")) {
                List<GridPoint> part = section.equals("all") ? grid
                        : grid.stream().filter(p -> p.section().equals(section)).toList();
                ErrorSummary s = ErrorSummary.of(part, i);
                out.printf(Locale.ROOT, "| %s | %s | %d | %.1f%% | %.1f%% | %s |%n", NAMES.get(i), section, s.points(),
                        100 * s.meanAbs(), 100 * s.maxAbs(), s.worst());
            }
        }
        if (model.name().equals("Llama-3.1-8B") && gpu.name().equals("A100-SXM-80G") && o.tp() == 1) {
            printTargets(out, model, gpu);
        }
    }

    private static void printSection(PrintStream out, List<GridPoint> grid, String section, String title, String key) {
        out.printf(Locale.ROOT, "%n%s%n%n| %s | profiled ms | roofline ms | error | per-operator ms | error |%n", title, key);
        out.println("|---|---:|---:|---:|---:|---:|");
        for (GridPoint p : grid) {
            if (p.section().equals(section)) {
                out.printf(Locale.ROOT, "| %s%s | %.2f | %.2f | %+.1f%% | %.2f | %+.1f%% |%n", p.label(),
                        p.measured() ? "" : " *", p.referenceMs(), p.modelMs()[0], 100 * p.error(0), p.modelMs()[1],
                        100 * p.error(1));
            }
        }
    }

    /** Issue 13's three figures (Vidur's replayed step times), with aiosim's default 1 ms step overhead. */
    private static void printTargets(PrintStream out, ModelSpec model, GpuSpec gpu) {
        PerOperatorCostModel m = new PerOperatorCostModel(model, gpu, 1, PerOperatorCostModel.Efficiencies.DEFAULTS,
                1_000_000);
        double[][] t = {{2048, 188.6}, {7437, 720.5}};
        out.printf(Locale.ROOT, "%nIssue 13 targets (per-operator, 1 ms step overhead, against Vidur's step times)%n%n");
        for (double[] x : t) {
            long n = (long) x[0];
            double ms = m.stepNanos(new StepShape(n, n * (n + 1) / 2, 0, 0)) / 1e6;
            out.printf(Locale.ROOT, "prefill %d tokens: %.1f ms (Vidur %.1f ms, %+.1f%%)%n", n, ms, x[1], 100 * (ms / x[1] - 1));
        }
        double d = m.stepNanos(new StepShape(0, 0, 128, 128L * 2048)) / 1e6;
        out.printf(Locale.ROOT, "decode 128 x 2048: %.1f ms (Vidur 37.7 ms, %+.1f%%)%n", d, 100 * (d / 37.7 - 1));
    }

    private static ModelSpec lookupModel(Catalog c, String name) {
        ModelSpec m;
        try {
            m = c.model(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: " + e.getMessage());
        }
        if (m.dimensions() == null) {
            throw new IllegalArgumentException("--model " + name + ": the catalog does not state its hidden-size,"
                    + " intermediate-size, vocab-size and tied-embeddings (the per-operator model needs them)");
        }
        return m;
    }

    private static GpuSpec lookupGpu(Catalog c, String name) {
        try {
            return c.gpu(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--gpu: " + e.getMessage());
        }
    }
}
