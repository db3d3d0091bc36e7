package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiosim.inference.calibrate.CalibrationFile;
import dev.aiosim.inference.calibrate.LinearStepCost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code aiosim calibrate}: fitting published timings, its input errors, --out's protection, and a short DJL measurement used by run. */
class CalibrateCommandTest {
    @TempDir
    Path tmp;

    /** Writes timings of {@code truth} (integer ns, so step_ms is exact) for random steps, the header's columns shuffled. */
    private Path timings(LinearStepCost truth, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("# written by the test\nstep_ms,decode_context_tokens,prefill_tokens,note,decode_calls,prefill_pairs\n");
        for (int i = 0; i < 60; i++) {
            long prefill = r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(2000);
            long pairs = prefill == 0 ? 0 : prefill * (prefill + 1) / 2 + (long) r.nextInt(50_000) * prefill / 100;
            int decodes = prefill == 0 ? 1 + r.nextInt(64) : r.nextInt(64);
            long context = decodes == 0 ? 0 : decodes + r.nextInt(4000) * (long) decodes;
            long ns = (long) truth.predict(new dev.aiosim.kernel.engine.StepShape(prefill, pairs, decodes, context));
            b.append(String.format(Locale.ROOT, "%d.%06d,%d,%d,x,%d,%d%n", ns / 1_000_000, ns % 1_000_000, context, prefill, decodes, pairs));
        }
        return Files.writeString(tmp.resolve("timings-" + seed + ".csv"), b.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void timingsOfALinearModelGiveItsCoefficientsBackWithRSquaredOne(long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed * 31);
        // integer coefficients, so that every step time is a whole number of ns
        LinearStepCost truth = new LinearStepCost(1000 + r.nextInt(5_000_000), r.nextInt(200_000), r.nextInt(2_000),
                r.nextInt(1_000_000), r.nextInt(3_000));
        Path out = tmp.resolve("cal-" + seed + ".properties");
        Cli c = Cli.run("calibrate", "--from-timings", timings(truth, seed).toString(), "--out", out.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("R^2 1.00000, mean |relative error| 0.0% over 60 steps").contains("worst residuals:").contains("prefill ")
                .contains("wrote " + out);
        double[] want = truth.coefficients();
        double[] got = CalibrationFile.read(out).coefficients();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as(LinearStepCost.TERMS[i]).isCloseTo(want[i], within(1e-6 * Math.max(1, want[i]) + 1e-3));
        }
    }

    @Test
    void aBadRowIsOneLineNamingFileLineAndColumn() throws IOException {
        Path csv = Files.writeString(tmp.resolve("bad.csv"), """
                prefill_tokens,prefill_pairs,decode_calls,decode_context_tokens,step_ms
                10,55,0,0,1.5

                4,10,2,300,-2
                """);
        Cli c = Cli.run("calibrate", "--from-timings", csv.toString(), "--out", tmp.resolve("o").toString());
        assertThat(c.code()).isEqualTo(2);
        assertThat(c.err().strip()).isEqualTo("aiosim: " + csv + ":4: step_ms: expected a time in milliseconds > 0 and <= 1e9, got '-2'");
        assertThat(tmp.resolve("o")).doesNotExist();

        Path pairs = Files.writeString(tmp.resolve("pairs.csv"), "prefill_tokens,prefill_pairs,decode_calls,decode_context_tokens,step_ms\n10,3,0,0,1\n");
        assertThat(Cli.run("calibrate", "--from-timings", pairs.toString(), "--out", tmp.resolve("o").toString()).err())
                .contains(pairs + ":2: prefill_pairs: expected at least prefill_tokens (10)");
        Path header = Files.writeString(tmp.resolve("header.csv"), "prefill_tokens,decode_calls,step_ms\n1,0,1\n");
        assertThat(Cli.run("calibrate", "--from-timings", header.toString(), "--out", tmp.resolve("o").toString()).err())
                .contains(header + ":1: header: expected a column 'prefill_pairs'");
        Path few = Files.writeString(tmp.resolve("few.csv"), "prefill_tokens,prefill_pairs,decode_calls,decode_context_tokens,step_ms\n1,1,0,0,1\n");
        assertThat(Cli.run("calibrate", "--from-timings", few.toString(), "--out", tmp.resolve("o").toString()).err())
                .contains(few + ": expected at least 5 step rows for a fit of 5 coefficients, got 1");
    }

    @Test
    void optionErrorsAreOneLine() {
        String o = tmp.resolve("o").toString();
        assertThat(Cli.run("calibrate", "--out", o).err()).contains("--engine/--from-timings: expected exactly one");
        assertThat(Cli.run("calibrate", "--engine", "gpu", "--out", o).err()).contains("--engine: expected djl, got 'gpu'");
        assertThat(Cli.run("calibrate", "--engine", "djl", "--repeats", "0", "--out", o).err()).contains("--repeats: expected 1..100, got '0'");
        assertThat(Cli.run("calibrate", "--engine", "djl", "--grid", "huge", "--out", o).err()).contains("--grid: expected full or quick, got 'huge'");
        assertThat(Cli.run("calibrate", "--engine", "djl", "--model", "huge", "--out", o).err())
                .contains("--model: expected tiny, small or a checkpoint folder");
        Cli missing = Cli.run("calibrate", "--from-timings", tmp.resolve("none.csv").toString(), "--out", o);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--from-timings: expected a CSV file");
    }

    @Test
    void anExistingFileIsReplacedOnlyWithOverwriteAndOnlyIfItIsACalibrationFile() throws IOException {
        LinearStepCost truth = new LinearStepCost(1_000_000, 50_000, 100, 200_000, 300);
        String csv = timings(truth, 7).toString();
        Path other = Files.writeString(tmp.resolve("notes.txt"), "mine\n");
        for (boolean overwrite : new boolean[] {false, true}) {
            Cli c = overwrite ? Cli.run("calibrate", "--from-timings", csv, "--out", other.toString(), "--overwrite")
                    : Cli.run("calibrate", "--from-timings", csv, "--out", other.toString());
            assertThat(c.code()).isEqualTo(2);
            assertThat(c.err()).startsWith("aiosim: --out: expected a new file");
            assertThat(Files.readString(other)).isEqualTo("mine\n");
        }
        Path cal = tmp.resolve("cal.properties");
        assertThat(Cli.run("calibrate", "--from-timings", csv, "--out", cal.toString()).code()).isZero();
        Cli again = Cli.run("calibrate", "--from-timings", csv, "--out", cal.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("(it exists; --overwrite replaces an earlier calibration file)");
        Files.writeString(cal, Files.readString(cal).replace("fixed = ", "fixed = 7"));
        assertThat(Cli.run("calibrate", "--from-timings", csv, "--out", cal.toString(), "--overwrite").code()).isZero();
        assertThat(CalibrationFile.read(cal).fixed()).isCloseTo(1_000_000, within(1e-3));
    }

    @Test
    void aQuickDjlCalibrationOfTinyIsUsedByRun() throws IOException {
        Path cal = tmp.resolve("tiny.properties");
        Path steps = tmp.resolve("steps.csv");
        Cli c = Cli.run("calibrate", "--engine", "djl", "--model", "tiny", "--grid", "quick", "--repeats", "1", "--out", cal.toString(),
                "--samples", steps.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("over 39 steps").contains("per-prefill-pair").contains("mean |relative error|")
                .contains("decode-only").contains("swap out ");
        assertThat(c.err()).contains("after an untimed warm-up pass of the grid");
        // the swap speed measured: positive, within the file's range
        assertThat(CalibrationFile.load(cal).swapBytesPerSec()).isPresent();
        assertThat(CalibrationFile.load(cal).swapBytesPerSec().getAsDouble()).isBetween(1024.0, 1e13);
        assertThat(Files.readString(cal)).contains("after an untimed warm-up pass of the grid").contains("# swap: ");
        // the kept steps fit again to the same model
        Path refit = tmp.resolve("refit.properties");
        Cli again = Cli.run("calibrate", "--from-timings", steps.toString(), "--out", refit.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(CalibrationFile.read(refit).coefficients()).containsExactly(CalibrationFile.read(cal).coefficients());
        assertThat(CalibrationFile.load(refit).swapBytesPerSec()).isEmpty();
        // --from-timings takes a swap speed measured elsewhere, range-checked
        Path given = tmp.resolve("given.properties");
        assertThat(Cli.run("calibrate", "--from-timings", steps.toString(), "--out", given.toString(),
                "--swap-bytes-per-sec", "5e8").code()).isZero();
        assertThat(CalibrationFile.load(given).swapBytesPerSec()).hasValue(5e8);
        assertThat(Cli.run("calibrate", "--from-timings", steps.toString(), "--out", tmp.resolve("g2").toString(),
                "--swap-bytes-per-sec", "10").err()).contains("--swap-bytes-per-sec: expected bytes per second from 1024 to 1e13, got '10.0'");
        assertThat(Cli.run("calibrate", "--from-timings", steps.toString(), "--out", tmp.resolve("g3").toString(),
                "--weighting", "median").err()).contains("--weighting: expected relative or absolute, got 'median'");
        assertThat(Cli.run("calibrate", "--engine", "djl", "--model", "tiny", "--grid", "quick", "--out", tmp.resolve("n").toString(),
                "--samples", steps.toString()).err()).contains("--samples: expected a new file");
        assertThat(Cli.run("calibrate", "--from-timings", steps.toString(), "--out", tmp.resolve("n").toString(),
                "--samples", tmp.resolve("s2").toString()).err()).contains("--samples: only with --engine djl");
        assertThat(Files.readString(cal)).contains("djl tiny, 1 torch thread(s), quick grid x 1, wall time");
        LinearStepCost m = CalibrationFile.read(cal);
        assertThat(m.predict(new dev.aiosim.kernel.engine.StepShape(0, 0, 1, 16))).isPositive();

        Path spec = Files.writeString(tmp.resolve("s.yaml"), """
                name: cal
                seed: 3
                repetitions: 1
                cluster: {engines: 1, gpu: H100-SXM, model: tiny, max-batch: 4}
                workload:
                  agents: 4
                  arrivals: {process: all-at-once}
                  program:
                    kind: react
                    rounds: {dist: fixed, value: 1}
                    system-prompt: {dist: fixed, value: 30}
                    step-prompt: {dist: fixed, value: 10}
                    output: {dist: fixed, value: 5}
                    tool-latency: {dist: fixed, value: 10ms}
                schedulers: [fifo]
                """);
        Path out = tmp.resolve("run");
        Cli run = Cli.run("run", spec.toString(), "--set", "cluster.cost-model.kind=calibrated",
                "--set", "cluster.cost-model.path=" + cal, "--out", out.toString(), "-q");
        assertThat(run.code()).as(run.err()).isZero();
        List<CSVRecord> calls = CommandsTest.csv(out.resolve("calls.csv"));
        assertThat(calls).hasSize(4).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("COMPLETED"));
        assertThat(Files.readString(out.resolve("spec.yaml"))).contains("calibrated");
    }

    /**
     * A calibration file's measured swap speed is what run's engines swap at: rr swaps on one
     * engine, so all swap time is serial and the makespan is at least (bytes out + in) / that speed;
     * without the key the same model swaps over the GPU's PCIe link (64 GB/s) and ends well before.
     */
    @Test
    void runSwapsAtTheCalibrationsMeasuredSpeed() throws IOException {
        String model = "kind = linear-step-cost\nfixed = 1000000\nper-prefill-token = 10000\nper-prefill-pair = 0\n"
                + "per-decode = 100000\nper-decode-context = 10\n";
        double rate = 1e6; // 1 MB/s: slow enough to dominate
        Path slow = Files.writeString(tmp.resolve("slow.properties"), model + "swap-bytes-per-sec = " + rate + "\n");
        Path pcie = Files.writeString(tmp.resolve("pcie.properties"), model);
        Path spec = Files.writeString(tmp.resolve("swap.yaml"), """
                name: swap
                seed: 3
                repetitions: 1
                cluster: {engines: 1, gpu: H100-SXM, model: tiny, max-batch: 2, preemption: swap, host-swap: 1GiB}
                workload:
                  agents: 6
                  arrivals: {process: all-at-once}
                  program:
                    kind: react
                    rounds: {dist: fixed, value: 1}
                    system-prompt: {dist: fixed, value: 100}
                    step-prompt: {dist: fixed, value: 10}
                    output: {dist: fixed, value: 40}
                    tool-latency: {dist: fixed, value: 10ms}
                schedulers: [{name: rr, quantum: 8}]
                """);
        long[] makespan = new long[2];
        long[] swapped = new long[2];
        Path[] files = {slow, pcie};
        for (int i = 0; i < 2; i++) {
            Path out = tmp.resolve("run-" + i);
            Cli run = Cli.run("run", spec.toString(), "--set", "cluster.cost-model.kind=calibrated",
                    "--set", "cluster.cost-model.path=" + files[i], "--out", out.toString(), "-q");
            assertThat(run.code()).as(run.err()).isZero();
            List<CSVRecord> calls = CommandsTest.csv(out.resolve("calls.csv"));
            assertThat(calls).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("COMPLETED"));
            for (CSVRecord r : calls) {
                makespan[i] = Math.max(makespan[i], Long.parseLong(r.get("completed_us")));
                swapped[i] += Long.parseLong(r.get("swapped_out_bytes")) + Long.parseLong(r.get("swapped_in_bytes"));
            }
            assertThat(Files.readString(out.resolve("spec.yaml")).contains("swap-bytes-per-sec")).isEqualTo(i == 0);
        }
        assertThat(swapped[0]).as("rr swapped").isPositive();
        double slowSwapUs = swapped[0] / rate * 1e6;
        assertThat((double) makespan[0]).isGreaterThanOrEqualTo(slowSwapUs);
        assertThat((double) makespan[1]).isLessThan(slowSwapUs);
        assertThat(swapped[1]).isPositive();
    }
}
