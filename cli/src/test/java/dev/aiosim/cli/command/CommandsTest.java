package dev.aiosim.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    @TempDir
    static Path tmp;
    static Path spec;
    static Path trace;

    @BeforeAll
    static void copyResources() throws IOException {
        spec = copy("small.yaml");
        trace = copy("azure-conv-slice.csv");
    }

    private static Path copy(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = CommandsTest.class.getResourceAsStream("/dev/aiosim/cli/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    static List<String> header(Path file) throws IOException {
        return List.of(Files.readAllLines(file).get(0).split(","));
    }

    @Test
    void runWritesEveryResultFileWithHeadersAndRows() throws IOException {
        Path out = tmp.resolve("run1");
        Cli r = Cli.run("run", spec.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("small: 3 policies x 2 seeds = 6 runs").contains("rr(quantum=16)")
                .contains("results: " + out);
        for (String f : List.of("spec.yaml", "summary.csv", "classes.csv", "calls.csv", "agents.csv", "run.json",
                "queueing.hlog", "ttft.hlog", "tbt.hlog", "e2e.hlog", "turnaround.hlog")) {
            assertThat(out.resolve(f)).isRegularFile();
        }
        assertThat(out.resolve("compare.csv")).doesNotExist();
        assertThat(out.resolve("paired.csv")).doesNotExist();
        assertThat(header(out.resolve("summary.csv"))).startsWith("policy", "clairvoyant", "seed", "agents", "agents_finished",
                "calls", "calls_completed", "calls_unfinished", "calls_rejected", "calls_cancelled")
                .contains("queueing_p99_s", "ttft_p90_s", "tbt_p99_s", "e2e_mean_s", "turnaround_p99_s",
                        "agent_waiting_mean_s", "swap_out_bytes", "swap_fallbacks", "busy_fraction", "mean_batch",
                        "kv_use", "jain_fairness", "skipped_rows", "goodput_per_s");
        assertThat(header(out.resolve("calls.csv"))).startsWith("policy", "seed", "call_id", "agent_pid", "priority")
                .contains("status", "submitted_us", "queueing_us", "ttft_us", "e2e_us", "max_tbt_us");
        assertThat(header(out.resolve("agents.csv"))).startsWith("policy", "seed", "pid", "name", "priority")
                .contains("turnaround_us", "waiting_us");

        List<CSVRecord> summary = csv(out.resolve("summary.csv"));
        assertThat(summary).hasSize(6);
        assertThat(summary).extracting(x -> x.get("policy") + "/" + x.get("seed"))
                .containsExactly("fifo/7", "fifo/8", "rr(quantum=16)/7", "rr(quantum=16)/8", "priority/7", "priority/8");
        long calls = summary.stream().mapToLong(x -> Long.parseLong(x.get("calls"))).sum();
        long agents = summary.stream().mapToLong(x -> Long.parseLong(x.get("agents"))).sum();
        assertThat(summary).allSatisfy(x -> assertThat(x.get("agents")).isEqualTo("12"));
        assertThat(summary).allSatisfy(x -> { // every call accounted for, from the summary alone
            assertThat(x.get("calls_cancelled")).isEqualTo("0");
            assertThat(Long.parseLong(x.get("calls_completed")) + Long.parseLong(x.get("calls_unfinished"))
                    + Long.parseLong(x.get("calls_rejected"))).isEqualTo(Long.parseLong(x.get("calls")));
        });
        List<CSVRecord> callRows = csv(out.resolve("calls.csv"));
        assertThat(callRows).hasSize((int) calls);
        assertThat(callRows).allSatisfy(c -> assertThat(c.get("status")).isEqualTo("COMPLETED"));
        assertThat(csv(out.resolve("agents.csv"))).hasSize((int) agents);
        assertThat(csv(out.resolve("classes.csv"))).hasSize(12); // 6 runs x 2 priority levels
        assertThat(Files.readString(out.resolve("e2e.hlog"))).contains("Tag=fifo/7,").contains("Tag=priority/8,");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"aiosim_version\"").contains("\"sim_s_per_wall_s\"")
                .contains("\"events\"");
        // rr preempts with a 16-token quantum; calls are longer than that
        assertThat(summary.stream().filter(x -> x.get("policy").startsWith("rr")).mapToLong(x -> Long.parseLong(x.get("preemptions"))).sum())
                .isPositive();
    }

    @Test
    void twoRunsOfTheSameSpecAreByteIdentical() throws IOException {
        Path a = tmp.resolve("det-a");
        Path b = tmp.resolve("det-b");
        assertThat(Cli.run("run", spec.toString(), "--out", a.toString(), "-q").code()).isZero();
        assertThat(Cli.run("run", spec.toString(), "--out", b.toString(), "-q").code()).isZero();
        for (String f : List.of("summary.csv", "calls.csv", "agents.csv", "classes.csv", "e2e.hlog", "queueing.hlog")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    @Test
    void theResolvedSpecRunsAgainToTheSameSummary() throws IOException {
        Path first = tmp.resolve("orig");
        Cli r = Cli.run("run", spec.toString(), "--out", first.toString(), "-q", "--set", "cluster.max-batch=3",
                "--set", "schedulers[1].quantum=24");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(first + System.lineSeparator()); // -q: the folder and nothing else
        String resolved = Files.readString(first.resolve("spec.yaml"));
        assertThat(resolved).contains("max-batch: 3").contains("quantum: 24").contains("kv-tokens: ")
                .contains("seeds:").contains("  - 7\n  - 8");
        Path again = tmp.resolve("again");
        Cli r2 = Cli.run("run", first.resolve("spec.yaml").toString(), "--out", again.toString(), "-q");
        assertThat(r2.code()).as(r2.err()).isZero();
        assertThat(Files.readAllBytes(again.resolve("summary.csv"))).isEqualTo(Files.readAllBytes(first.resolve("summary.csv")));
        assertThat(Files.readAllBytes(again.resolve("calls.csv"))).isEqualTo(Files.readAllBytes(first.resolve("calls.csv")));
    }

    @Test
    void compareAddsConfidenceIntervals() throws IOException {
        Path out = tmp.resolve("cmp");
        Cli r = Cli.run("compare", spec.toString(), "--out", out.toString(), "--policy", "fifo", "--policy", "priority",
                "--seed", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("95% confidence interval").contains("priority");
        List<CSVRecord> cmp = csv(out.resolve("compare.csv"));
        assertThat(cmp).isNotEmpty();
        Map<String, String> row = cmp.stream().filter(x -> x.get("policy").equals("fifo") && x.get("metric").equals("agents"))
                .findFirst().orElseThrow().toMap();
        assertThat(row).containsEntry("n", "2").containsEntry("mean", "12.000").containsEntry("ci95_low", "12.000");
        assertThat(cmp).anyMatch(x -> x.get("metric").equals("p1_turnaround_mean_s"));
        assertThat(csv(out.resolve("summary.csv"))).extracting(x -> x.get("seed")).containsExactly("3", "4", "3", "4");
    }

    @Test
    void replayOfAnAzureSliceWithTheDefaultCluster() throws IOException {
        Path out = tmp.resolve("replay");
        Cli r = Cli.run("replay", trace.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 x H100-SXM Llama-3.1-8B").contains("max-batch 64");
        List<CSVRecord> summary = csv(out.resolve("summary.csv"));
        assertThat(summary).hasSize(1);
        assertThat(summary.get(0).get("policy")).isEqualTo("fifo");
        assertThat(summary.get(0).get("calls")).isEqualTo("40");
        assertThat(summary.get(0).get("calls_completed")).isEqualTo("40");
        assertThat(csv(out.resolve("calls.csv"))).hasSize(40);
        String resolved = Files.readString(out.resolve("spec.yaml"));
        assertThat(resolved).contains("name: replay-azure-conv-slice").contains("trace: ../azure-conv-slice.csv");
        Path again = tmp.resolve("replay-again");
        assertThat(Cli.run("run", out.resolve("spec.yaml").toString(), "--out", again.toString(), "-q").code()).isZero();
        assertThat(Files.readAllBytes(again.resolve("calls.csv"))).isEqualTo(Files.readAllBytes(out.resolve("calls.csv")));
    }

    @Test
    void replayRunsATraceOnceAndSaysSoWhenRepetitionsWouldBeIdentical() throws IOException {
        Path out = tmp.resolve("replay-reps");
        Cli r = Cli.run("replay", trace.toString(), "--set", "repetitions=3", "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().strip()).isEqualTo("aiosim: a trace replays the same agents for every seed unless --sample is given:"
                + " running seed 1 once instead of 3 identical repetitions");
        assertThat(csv(out.resolve("summary.csv"))).extracting(x -> x.get("seed")).containsExactly("1");
        assertThat(Files.readString(out.resolve("spec.yaml"))).contains("repetitions: 1\n").contains("seeds:\n  - 1\n");
        // --sample draws from the seed: the repetitions differ, so all run
        Path sampled = tmp.resolve("replay-reps-sampled");
        Cli s = Cli.run("replay", trace.toString(), "--sample", "0.5", "--set", "repetitions=2", "--out", sampled.toString(), "-q");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.err()).isEmpty();
        assertThat(csv(sampled.resolve("summary.csv"))).extracting(x -> x.get("seed")).containsExactly("1", "2");
    }

    @Test
    void replaySkipsBadRowsWhenAskedAndCountsThem() throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
        lines.set(5, lines.get(5).replaceFirst(",[0-9]+,", ",lots,"));
        Path bad = tmp.resolve("azure-bad.csv");
        Files.write(bad, lines);
        Cli fail = Cli.run("replay", bad.toString(), "--out", tmp.resolve("bad-fail").toString());
        assertThat(fail.code()).isEqualTo(2);
        assertThat(fail.err()).startsWith("aiosim: ").contains("azure-bad.csv:6").doesNotContain("at dev.aiosim");
        Path out = tmp.resolve("bad-skip");
        Cli skip = Cli.run("replay", bad.toString(), "--on-bad-row", "skip", "--out", out.toString(), "--policy", "rr");
        assertThat(skip.code()).as(skip.err()).isZero();
        CSVRecord row = csv(out.resolve("summary.csv")).get(0);
        assertThat(row.get("skipped_rows")).isEqualTo("1");
        assertThat(row.get("calls")).isEqualTo("39");
    }

    @Test
    void replayOptionsSelectAndRescaleAndAreWrittenIntoTheResolvedSpec() throws IOException {
        Path out = tmp.resolve("replay-opts");
        Cli r = Cli.run("replay", trace.toString(), "--limit", "12", "--speedup", "4", "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(csv(out.resolve("summary.csv")).get(0).get("calls")).isEqualTo("12");
        List<CSVRecord> agents = csv(out.resolve("agents.csv"));
        List<CSVRecord> full = csv(fullReplay().resolve("agents.csv"));
        java.util.Map<String, Long> fullArrival = new java.util.HashMap<>();
        for (CSVRecord a : full) {
            fullArrival.put(a.get("pid"), Long.parseLong(a.get("arrival_us")));
        }
        assertThat(agents).hasSize(12);
        for (CSVRecord a : agents) {
            long original = fullArrival.get(a.get("pid"));
            assertThat(Long.parseLong(a.get("arrival_us"))).isBetween(original / 4 - 1, original / 4 + 1);
        }
        String resolved = Files.readString(out.resolve("spec.yaml"));
        assertThat(resolved).contains("replay:").contains("limit: 12").contains("speedup: 4.0");
        Path again = tmp.resolve("replay-opts-again");
        assertThat(Cli.run("run", out.resolve("spec.yaml").toString(), "--out", again.toString(), "-q").code()).isZero();
        assertThat(Files.readAllBytes(again.resolve("calls.csv"))).isEqualTo(Files.readAllBytes(out.resolve("calls.csv")));
        Cli both = Cli.run("replay", trace.toString(), "--rate", "3", "--speedup", "2", "--out", tmp.resolve("never2").toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("workload.replay.rate: expected either speedup or rate");
    }

    @Test
    void replayCountsRowsTheReaderFilteredApartFromBadRows() throws IOException {
        Path burst = Path.of("../workloads/src/test/resources/dev/aiosim/workloads/trace/burstgpt/burstgpt-sample.csv");
        List<String> rows = Files.readAllLines(burst);
        long failed = rows.stream().skip(1).filter(l -> !l.isBlank()).filter(l -> l.split(",")[5].trim().equals("0")).count();
        long total = rows.stream().skip(1).filter(l -> !l.isBlank()).count();
        Path out = tmp.resolve("burst");
        Cli r = Cli.run("replay", burst.toString(), "--out", out.toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        CSVRecord row = csv(out.resolve("summary.csv")).get(0);
        assertThat(failed).isPositive();
        assertThat(row.get("filtered_rows")).isEqualTo(Long.toString(failed));
        assertThat(row.get("skipped_rows")).isEqualTo("0");
        assertThat(row.get("calls")).isEqualTo(Long.toString(total - failed));
    }

    private Path fullReplay() {
        Path out = tmp.resolve("replay-full");
        assertThat(Cli.run("replay", trace.toString(), "--out", out.toString(), "-q").code()).isZero();
        return out;
    }

    @Test
    void badSpecsExitWithTwoAndOneLine() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(spec).replace("max-batch: 4", "max-batch: 4\n  turbo: true"));
        Cli r = Cli.run("run", bad.toString(), "--out", tmp.resolve("never").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("aiosim: " + bad + ":9:3: cluster.turbo: unknown field 'turbo'; expected one of: "
                + "catalog, chunk-size, cost-model, dispatcher, engines, gpu, gpu-memory-utilization, host-swap, kv-tokens, "
                + "max-batch, max-num-batched-tokens, mbu, memory-concurrency, mfu, model, packing, preemption, prefix-cache, "
                + "step-overhead, storage-concurrency, tensor-parallel, tool-concurrency");
        assertThat(tmp.resolve("never")).doesNotExist();
        Cli debug = Cli.run("run", bad.toString(), "--debug");
        assertThat(debug.code()).isEqualTo(2);
        assertThat(debug.err()).contains("at dev.aiosim");
        Cli missing = Cli.run("run", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such file");
        Cli policy = Cli.run("run", spec.toString(), "--policy", "lottery");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err()).contains("--policy lottery: schedulers[0].name: unknown policy 'lottery'");
        Cli flag = Cli.run("run", spec.toString(), "--bogus");
        assertThat(flag.code()).isEqualTo(2);
        Cli noTrace = Cli.run("replay", tmp.resolve("missing.csv").toString());
        assertThat(noTrace.code()).isEqualTo(2);
        assertThat(noTrace.err()).isEqualTo("aiosim: " + tmp.resolve("missing.csv") + ": no such file\n");
    }

    @Test
    void helpVersionAndPolicies() {
        for (String cmd : List.of("run", "compare", "replay", "demo", "policies", "live")) {
            Cli r = Cli.run(cmd, "--help");
            assertThat(r.code()).as(cmd).isZero();
            assertThat(r.out()).contains("Usage: aiosim " + cmd);
        }
        // each names the default folder it really uses
        assertThat(Cli.run("run", "--help").out()).contains("results/runs/<name>-<yyyyMMdd-HHmmss>");
        assertThat(Cli.run("live", "--help").out()).contains("results/runs/<name>-live-<yyyyMMdd-HHmmss>");
        assertThat(Cli.run("--version").out()).startsWith("aiosim ");
        Cli p = Cli.run("policies");
        assertThat(p.code()).isZero();
        assertThat(p.out()).contains("fifo").contains("rr [quantum, min-tokens]").contains("priority [aging]");
        Cli none = Cli.run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("Usage: aiosim").contains("demo").contains("replay");
    }

    @Test
    void aReplayThatSelectsNoAgentWarnsOnTheConsoleAndInRunJson() throws IOException {
        Path empty = Files.writeString(tmp.resolve("header-only.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n");
        Path out = tmp.resolve("none");
        Cli r = Cli.run("replay", empty.toString(), "-q", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("aiosim: warning: a run had no agent: nothing was selected");
        com.fasterxml.jackson.databind.JsonNode info = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(info.get("warnings").get(0).asText()).startsWith("a run had no agent");
        assertThat(info.get("complete").asBoolean()).isTrue();
        // a window past the end of a trace selects nothing either
        Cli late = Cli.run("replay", trace.toString(), "-q", "--window", "10h..", "--out", tmp.resolve("late").toString());
        assertThat(late.code()).as(late.err()).isZero();
        assertThat(late.err()).contains("aiosim: warning: a run had no agent");
        // a replay that selects agents does not warn
        Cli some = Cli.run("replay", trace.toString(), "-q", "--out", tmp.resolve("some").toString());
        assertThat(some.err()).isEmpty();
    }

    @Test
    void aFailureDuringARunMarksTheFolderPartialWithTheError() throws IOException {
        // the bad row is found only when the replay reaches it, after the results folder exists
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(trace));
        rows.add("2023-11-16 18:20:00.0000000,374,lots");
        Path bad = Files.write(tmp.resolve("bad-late.csv"), rows);
        Path out = tmp.resolve("failed");
        Cli r = Cli.run("replay", bad.toString(), "-q", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("aiosim: " + bad + ":" + rows.size() + ": GeneratedTokens: expected an integer >= 1"
                + " (a call generates at least one token), got 'lots'\n");
        com.fasterxml.jackson.databind.JsonNode info = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(info.get("complete").asBoolean()).isFalse();
        assertThat(info.get("partial_reason").asText()).startsWith("failed: " + bad + ":" + rows.size() + ": GeneratedTokens");
    }
}
