package dev.aiosim.cli.spec;

import dev.aiosim.inference.calibrate.CalibrationFile;
import dev.aiosim.inference.calibrate.LinearStepCost;
import dev.aiosim.kernel.engine.CostModel;
import dev.aiosim.kernel.engine.PerOperatorCostModel;
import dev.aiosim.kernel.engine.PerOperatorCostModel.Efficiencies;
import dev.aiosim.kernel.engine.RooflineCostModel;
import dev.aiosim.kernel.engine.profiled.ProfiledCostModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The step cost model a cluster resolved to: one case per kind of {@code cluster.cost-model},
 * with its parameters checked. Each case builds the kernel's {@link CostModel} and says how the
 * resolved spec writes it back ({@code null}: not at all, the default).
 */
public sealed interface CostModelChoice {
    /** The kinds {@code cluster.cost-model} accepts. */
    List<String> KINDS = List.of("roofline", "per-operator", "profiled", "calibrated");

    /** The default: the single roofline of DESIGN.md section 6 with the cluster's mfu and mbu. */
    CostModelChoice DEFAULT = new Roofline();

    /** The engine's step cost model for the resolved cluster {@code c}. */
    CostModel build(ResolvedCluster c);

    /** The section's value as the resolved spec writes it, or {@code null} for the default (left out, so older specs stay byte-identical). */
    CostModelSpec written();

    /**
     * The host-link bandwidth (bytes/s) the engines charge swaps at, instead of the GPU's PCIe
     * figure {@code pcieBytesPerSec}; only a calibration with a measured swap speed has its own.
     */
    default double swapBytesPerSec(double pcieBytesPerSec) {
        return pcieBytesPerSec;
    }

    /** Checks a written {@code cluster.cost-model}; {@code null} is the default. */
    static CostModelChoice resolve(CostModelSpec spec) {
        if (spec == null) {
            return DEFAULT;
        }
        return switch (spec.kind()) {
            case "roofline" -> {
                if (!spec.params().isEmpty()) {
                    throw new FieldError("cluster.cost-model", "the roofline takes no parameters here (it reads"
                            + " cluster.mfu and cluster.mbu), got " + String.join(", ", spec.params().keySet()));
                }
                yield DEFAULT;
            }
            case "per-operator" -> PerOperator.resolve(spec.params());
            case "profiled" -> Profiled.resolve(spec.params());
            case "calibrated" -> Calibrated.resolve(spec.params());
            default -> throw new FieldError("cluster.cost-model", "expected one of " + String.join(", ", KINDS)
                    + ", got '" + spec.kind() + "'");
        };
    }

    /** {@link RooflineCostModel}: one MFU and one MBU for the whole step. */
    record Roofline() implements CostModelChoice {
        @Override
        public CostModel build(ResolvedCluster c) {
            return new RooflineCostModel(c.modelSpec(), c.gpuSpec(), c.tensorParallel(), c.mfu(), c.mbu(),
                    c.stepOverhead().nanos());
        }

        @Override
        public CostModelSpec written() {
            return null;
        }
    }

    /**
     * {@link PerOperatorCostModel} with its efficiencies; keys {@code linear-compute},
     * {@code linear-memory}, {@code attention-compute}, {@code prefill-attention-io},
     * {@code attention-memory}, {@code elementwise-memory}, {@code interconnect} (fractions of peak
     * from 0.01 to 1), {@code kv-write} (a fraction of peak from 0.001 to 1: the profiled engine's
     * prefill KV write runs at 0.0037) and {@code decode-attention-floor-us} (microseconds from 0
     * to 1000), defaults {@link Efficiencies#DEFAULTS}.
     *
     * @param efficiencies the fractions of peak
     */
    record PerOperator(Efficiencies efficiencies) implements CostModelChoice {
        static final List<String> KEYS = List.of("linear-compute", "linear-memory", "attention-compute",
                "prefill-attention-io", "attention-memory", "decode-attention-floor-us", "kv-write", "elementwise-memory",
                "interconnect");
        private static final int FLOOR = KEYS.indexOf("decode-attention-floor-us");
        private static final int KV_WRITE = KEYS.indexOf("kv-write");

        static PerOperator resolve(SortedMap<String, String> params) {
            double[] v = values(Efficiencies.DEFAULTS);
            for (Map.Entry<String, String> e : params.entrySet()) {
                int i = KEYS.indexOf(e.getKey());
                String path = "cluster.cost-model." + e.getKey();
                if (i < 0) {
                    throw new FieldError(path, "unknown per-operator parameter '" + e.getKey() + "'; expected one of: "
                            + String.join(", ", KEYS));
                }
                double x;
                try {
                    x = Double.parseDouble(e.getValue().trim());
                } catch (NumberFormatException ex) {
                    x = Double.NaN;
                }
                if (i == FLOOR) {
                    if (!(x >= 0 && x <= 1000)) {
                        throw new FieldError(path, "expected microseconds from 0 to 1000, got '" + e.getValue() + "'");
                    }
                } else {
                    double min = i == KV_WRITE ? 0.001 : 0.01;
                    if (!(x >= min && x <= 1)) {
                        throw new FieldError(path, "expected a fraction of peak from " + min + " to 1, got '"
                                + e.getValue() + "'");
                    }
                }
                v[i] = x;
            }
            return new PerOperator(new Efficiencies(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        }

        /** The values in the order of {@link #KEYS}. */
        private static double[] values(Efficiencies e) {
            return new double[] {e.linearCompute(), e.linearMemory(), e.attentionCompute(), e.prefillAttentionIo(),
                e.attentionMemory(), e.decodeAttentionFloorMicros(), e.kvWrite(), e.elementwiseMemory(),
                e.interconnect()};
        }

        @Override
        public CostModel build(ResolvedCluster c) {
            return new PerOperatorCostModel(c.modelSpec(), c.gpuSpec(), c.tensorParallel(), efficiencies,
                    c.stepOverhead().nanos());
        }

        /** Every efficiency explicit, as the resolved spec writes every value. */
        @Override
        public CostModelSpec written() {
            double[] v = values(efficiencies);
            TreeMap<String, String> params = new TreeMap<>();
            for (int i = 0; i < v.length; i++) {
                params.put(KEYS.get(i), Double.toString(v[i]));
            }
            return new CostModelSpec("per-operator", params);
        }
    }

    /**
     * {@link ProfiledCostModel}: per-operator times measured on a real GPU, in Vidur's profiling
     * format, from the folder {@code path} (relative to the spec's folder); see
     * docs/cost-models.md. The tables are read once per folder and model shape in a run.
     *
     * @param path the folder holding {@code mlp.csv} and {@code attention.csv}
     */
    record Profiled(Path path) implements CostModelChoice {
        private static final Map<String, ProfiledCostModel> LOADED = new ConcurrentHashMap<>();

        static Profiled resolve(SortedMap<String, String> params) {
            for (String key : params.keySet()) {
                if (!key.equals("path")) {
                    throw new FieldError("cluster.cost-model." + key, "unknown profiled parameter '" + key
                            + "'; expected: path (a folder with Vidur's mlp.csv and attention.csv)");
                }
            }
            String p = params.get("path");
            if (p == null || p.isBlank()) {
                throw new FieldError("cluster.cost-model.path", "expected a folder with Vidur's mlp.csv and attention.csv, got nothing");
            }
            Path dir = Path.of(p.trim());
            if (!Files.isDirectory(dir)) {
                throw new FieldError("cluster.cost-model.path", "expected a folder with Vidur's mlp.csv and attention.csv, got '"
                        + p + "'" + (Files.exists(dir) ? " (not a folder)" : " (no such folder)"));
            }
            return new Profiled(dir);
        }

        @Override
        public CostModel build(ResolvedCluster c) {
            int layers = c.modelSpec().layers();
            long overhead = c.stepOverhead().nanos();
            String key = path.toAbsolutePath().normalize() + "|" + layers + "|" + c.tensorParallel() + "|" + overhead;
            return LOADED.computeIfAbsent(key, k -> ProfiledCostModel.load(path, layers, c.tensorParallel(), overhead));
        }

        @Override
        public CostModelSpec written() {
            TreeMap<String, String> params = new TreeMap<>();
            params.put("path", path.toString());
            return new CostModelSpec("profiled", params);
        }
    }

    /**
     * A {@link LinearStepCost} fitted to measured steps (docs/inference.md), read from the
     * calibration file {@code path} (relative to the spec's folder) that {@code Calibrate} writes.
     * When the file has a measured swap speed ({@code swap-bytes-per-sec}), or the spec gives one
     * (the key of the same name, which wins), the engines swap at that speed rather than over the
     * GPU's PCIe link: the calibrated engine's swap is what it measured. The resolved spec writes
     * the speed used, so that it runs again alike.
     *
     * @param path the calibration file
     * @param model the file's step-cost model
     * @param swapBytesPerSec the swap speed, empty for the GPU's PCIe figure
     */
    record Calibrated(Path path, LinearStepCost model, java.util.OptionalDouble swapBytesPerSec) implements CostModelChoice {
        static final String SWAP = CalibrationFile.SWAP_KEY;

        static Calibrated resolve(SortedMap<String, String> params) {
            for (String key : params.keySet()) {
                if (!key.equals("path") && !key.equals(SWAP)) {
                    throw new FieldError("cluster.cost-model." + key, "unknown calibrated parameter '" + key
                            + "'; expected: path (a calibration file, docs/inference.md), " + SWAP);
                }
            }
            String p = params.get("path");
            if (p == null || p.isBlank() || !Files.isRegularFile(Path.of(p.trim()))) {
                throw new FieldError("cluster.cost-model.path", "expected a calibration file (kind = linear-step-cost,"
                        + " docs/inference.md), got " + (p == null || p.isBlank() ? "nothing" : "'" + p + "' (no such file)"));
            }
            Path path = Path.of(p.trim());
            CalibrationFile.Contents file;
            try {
                file = CalibrationFile.load(path);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new FieldError("cluster.cost-model.path", "cannot read '" + path + "': " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new FieldError("cluster.cost-model.path", e.getMessage());
            }
            java.util.OptionalDouble swap = file.swapBytesPerSec();
            String given = params.get(SWAP);
            if (given != null) {
                double x;
                try {
                    x = Double.parseDouble(given.trim());
                } catch (NumberFormatException e) {
                    x = Double.NaN;
                }
                try {
                    CalibrationFile.swapRange(x, "x");
                } catch (IllegalArgumentException e) {
                    throw new FieldError("cluster.cost-model." + SWAP, "expected bytes per second from 1024 to 1e13, got '"
                            + given + "'");
                }
                swap = java.util.OptionalDouble.of(x);
            }
            return new Calibrated(path, file.model(), swap);
        }

        @Override
        public CostModel build(ResolvedCluster c) {
            return model;
        }

        @Override
        public double swapBytesPerSec(double pcieBytesPerSec) {
            return swapBytesPerSec.orElse(pcieBytesPerSec);
        }

        @Override
        public CostModelSpec written() {
            TreeMap<String, String> params = new TreeMap<>();
            params.put("path", path.toString());
            if (swapBytesPerSec.isPresent()) {
                params.put(SWAP, Double.toString(swapBytesPerSec.getAsDouble()));
            }
            return new CostModelSpec("calibrated", params);
        }
    }
}
