package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiosim.kernel.context.PreemptionMode;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {
    static final String SPEC = """
            name: t
            seed: 5
            repetitions: 3
            cluster:
              max-batch: 8
              step-overhead: 2ms
              host-swap: 4GiB
            workload:
              agents: 10
              program:
                rounds: {dist: fixed, value: 2}
                step-prompt: {dist: fixed, value: 100}
                output: {dist: fixed, value: 20}
                tool-latency: {dist: fixed, value: 1s}
            schedulers:
              - fifo
              - {name: rr, quantum: 64}
            slo:
              ttft: 500ms
            horizon: 10m
            """;

    private final SpecLoader loader = new SpecLoader(SchedulerRegistry.load());

    private ResolvedSpec load(String yaml, String... sets) {
        return loader.load(new SpecLoader.Source("t.yaml", yaml, Path.of("/tmp"), "t"),
                java.util.Arrays.stream(sets).map(SpecOverride::parse).toList());
    }

    private String error(String yaml, String... sets) {
        try {
            load(yaml, sets);
        } catch (SpecException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected a SpecException");
    }

    @Test
    void parsesValuesAndFillsDefaults() {
        ResolvedSpec s = load(SPEC);
        assertThat(s.name()).isEqualTo("t");
        assertThat(s.seeds()).containsExactly(5L, 6L, 7L);
        ResolvedCluster c = s.cluster();
        assertThat(c.engines()).isEqualTo(1);
        assertThat(c.gpu()).isEqualTo("H100-SXM");
        assertThat(c.model()).isEqualTo("Llama-3.1-8B");
        assertThat(c.tensorParallel()).isEqualTo(1);
        assertThat(c.maxBatch()).isEqualTo(8);
        assertThat(c.kvDerived()).isTrue();
        assertThat(c.kvTokens()).isEqualTo((long) Math.floor((80e9 * 0.9 - 8.03e9 * 2) / (128 * 1024)));
        assertThat(c.preemption()).isEqualTo(PreemptionMode.SWAP);
        assertThat(c.hostSwap().bytes()).isEqualTo(4L << 30);
        assertThat(c.stepOverhead().nanos()).isEqualTo(2_000_000L);
        assertThat(c.mfu()).isEqualTo(0.5);
        assertThat(c.mbu()).isEqualTo(0.8);
        assertThat(c.dispatcher()).isEqualTo("round-robin");
        assertThat(s.policies()).extracting(PolicyEntry::label).containsExactly("fifo", "rr(quantum=64)");
        assertThat(s.policies().get(1).spec().params()).isEqualTo(Map.of("quantum", "64"));
        assertThat(s.kernelSlo().ttftNanos()).isEqualTo(500_000_000L);
        assertThat(s.horizonNanos()).isEqualTo(600_000_000_000L);
    }

    @Test
    void seventyBTakesItsDefaultTensorParallelism() {
        ResolvedSpec s = load(SPEC, "cluster.model=Llama-3.1-70B");
        assertThat(s.cluster().tensorParallel()).isEqualTo(4);
        assertThat(s.cluster().kvTokens()).isPositive();
    }

    @Test
    void setOverridesNestedValuesListEntriesAndCoercesTypes() {
        ResolvedSpec s = load(SPEC, "cluster.max-batch=32", "workload.agents=100", "schedulers[1].quantum=1s",
                "cluster.preemption=recompute", "cluster.kv-tokens=5000", "slo.e2e=1.5", "cluster.engines=2");
        assertThat(s.cluster().maxBatch()).isEqualTo(32);
        assertThat(s.workload().agents()).isEqualTo(100);
        assertThat(s.policies().get(1).spec().params()).containsEntry("quantum", "1s");
        assertThat(s.cluster().preemption()).isEqualTo(PreemptionMode.RECOMPUTE);
        assertThat(s.cluster().kvTokens()).isEqualTo(5000);
        assertThat(s.cluster().kvDerived()).isFalse();
        assertThat(s.kernelSlo().e2eNanos()).isEqualTo(1_500_000_000L);
        assertThat(s.cluster().kernelConfig().engines()).hasSize(2);
    }

    @Test
    void setTurnsABarePolicyNameIntoAMappingAndAppendsAndRemoves() {
        ResolvedSpec s = load(SPEC, "schedulers.0.label=first", "schedulers[2]=priority", "horizon=");
        assertThat(s.policies()).extracting(PolicyEntry::label).containsExactly("first", "rr(quantum=64)", "priority");
        assertThat(s.horizon()).isNull();
        ResolvedSpec list = load(SPEC, "schedulers=[priority, {name: rr, quantum: 8}]");
        assertThat(list.policies()).extracting(PolicyEntry::label).containsExactly("priority", "rr(quantum=8)");
    }

    @Test
    void seedOverrideRestartsTheSeedList() {
        String withSeeds = SPEC.replace("repetitions: 3", "repetitions: 3\nseeds: [5, 6, 7]");
        assertThat(load(withSeeds).seeds()).containsExactly(5L, 6L, 7L);
        assertThat(load(withSeeds, "seed=10").seeds()).containsExactly(10L, 11L, 12L);
        assertThat(load(withSeeds, "repetitions=1").seeds()).containsExactly(5L);
        assertThat(error(SPEC.replace("repetitions: 3", "seeds: [1, 2]")))
                .contains("t.yaml:2:").contains("seed: expected 1, the first of seeds");
    }

    @Test
    void unknownFieldNamesFileLinePathAndKnownFields() {
        String msg = error(SPEC.replace("max-batch: 8", "max-batchez: 8"));
        assertThat(msg).startsWith("t.yaml:5:3: cluster.max-batchez: unknown field 'max-batchez'")
                .contains("max-batch").contains("kv-tokens");
        assertThat(error(SPEC + "colour: blue\n")).startsWith("t.yaml:21:1: colour: unknown field 'colour'");
    }

    @Test
    void badDurationNamesTheField() {
        String msg = error(SPEC.replace("step-overhead: 2ms", "step-overhead: quick"));
        assertThat(msg).startsWith("t.yaml:6:3: cluster.step-overhead: expected a duration like 250ms")
                .contains("'quick'");
        assertThat(error(SPEC.replace("ttft: 500ms", "ttft: 5 fortnights"))).startsWith("t.yaml:19:3: slo.ttft: expected a duration");
    }

    @Test
    void wrongTypeNamesTheFieldAndExpectedType() {
        assertThat(error(SPEC.replace("max-batch: 8", "max-batch: lots")))
                .isEqualTo("t.yaml:5:3: cluster.max-batch: expected an integer, got 'lots'");
        assertThat(error(SPEC, "cluster.max-batch=abc"))
                .isEqualTo("--set cluster.max-batch=abc: cluster.max-batch: expected an integer, got 'abc'");
        assertThat(error(SPEC.replace("max-batch: 8", "max-batch: [1]")))
                .startsWith("t.yaml:5:3: cluster.max-batch: expected an integer, got a list");
    }

    @Test
    void unknownPolicyGpuAndModelListTheKnownOnes() {
        assertThat(error(SPEC.replace("- fifo", "- fofi")))
                .startsWith("t.yaml:16:5: schedulers[0].name: unknown policy 'fofi'; known policies: ").contains("fifo");
        assertThat(error(SPEC, "cluster.gpu=B200"))
                .startsWith("--set cluster.gpu=B200: cluster.gpu: unknown gpu 'B200'; known: ").contains("H100-SXM");
        assertThat(error(SPEC.replace("max-batch: 8", "model: GPT-5")))
                .startsWith("t.yaml:5:3: cluster.model: unknown model 'GPT-5'").contains("Llama-3.1-8B");
        assertThat(error(SPEC.replace("quantum: 64", "quantum: 64, speed: 3")))
                .startsWith("t.yaml:17:29: schedulers[1].speed: policy 'rr' has no parameter 'speed'; it accepts: quantum");
    }

    @Test
    void workloadErrorsComeWithTheirPathAndLine() {
        assertThat(error(SPEC.replace("agents: 10", "agents: 0"))).startsWith("t.yaml:9:3: workload.agents: expected an integer >= 1");
        assertThat(error(SPEC.replace("output: {dist: fixed, value: 20}", "output: {dist: normal, value: 20}")))
                .startsWith("t.yaml:13:").contains("workload.program.output.dist: expected one of");
    }

    @Test
    void otherBadValues() {
        assertThat(error(SPEC, "cluster.preemption=teleport")).contains("cluster.preemption: expected swap or recompute");
        assertThat(error(SPEC, "cluster.dispatcher=random")).contains("expected one of round-robin, least-loaded");
        assertThat(error(SPEC, "cluster.mfu=1.5")).contains("cluster.mfu: expected a fraction of peak from 0.01 to 1, got 1.5");
        assertThat(error(SPEC, "cluster.mbu=1e-13")).contains("cluster.mbu: expected a fraction of peak from 0.01 to 1, got 1.0E-13");
        assertThat(error(SPEC, "cluster.gpu=RTX-A5000", "cluster.model=Llama-3.1-70B", "cluster.tensor-parallel=1"))
                .contains("cluster.kv-tokens: no room for KV");
        assertThat(error(SPEC, "schedulers[5]=fifo")).startsWith("--set schedulers[5]=fifo: schedulers has 2 entries");
        assertThat(error(SPEC, "nonsense")).startsWith("--set nonsense: expected key=value");
        assertThat(error(SPEC, "cluster.max-batch.x=1")).contains("cluster.max-batch is a single value");
        assertThat(error(SPEC, "schedulers[1]=fifo")).contains("listed twice");
        assertThat(error("name: [unclosed\n")).startsWith("t.yaml:").contains("not valid YAML");
        assertThat(error("")).contains("the spec is empty");
        assertThat(error("- a\n- b\n")).contains("expected a mapping");
        assertThat(error(SPEC.replace("name: t", "name: has space"))).contains("name: expected letters");
    }

    @Test
    void resolvedTreeReadsBackToTheSameSpec() {
        ResolvedSpec s = load(SPEC, "schedulers[1].quantum=1s");
        String yaml;
        try {
            yaml = Yaml.MAPPER.writeValueAsString(s.toTree(Path.of("/tmp")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        ResolvedSpec again = load(yaml);
        assertThat(again.seeds()).isEqualTo(s.seeds());
        assertThat(again.cluster().kvTokens()).isEqualTo(s.cluster().kvTokens());
        assertThat(again.cluster().kvDerived()).isFalse();
        assertThat(again.workload()).isEqualTo(s.workload());
        assertThat(again.policies()).extracting(PolicyEntry::label).isEqualTo(List.of("fifo", "rr(quantum=1s)"));
        assertThat(yaml).contains("kv-tokens: ").contains("host-swap: 4GiB").contains("step-overhead: 2ms");
    }

    @Test
    void theCostModelIsTheRooflineUnlessChosenAndWrittenOnlyWhenChosen() {
        ResolvedCluster roofline = load(SPEC).cluster();
        assertThat(roofline.costModel()).isEqualTo(CostModelChoice.DEFAULT);
        assertThat(roofline.kernelConfig().engines().get(0).costModel())
                .isInstanceOf(dev.aiosim.kernel.engine.RooflineCostModel.class);
        assertThat(roofline.written().costModel()).isNull();
        ResolvedCluster perOp = load(SPEC, "cluster.cost-model=per-operator").cluster();
        assertThat(perOp.kernelConfig().engines().get(0).costModel())
                .isEqualTo(new dev.aiosim.kernel.engine.PerOperatorCostModel(perOp.modelSpec(), perOp.gpuSpec(), 1,
                        dev.aiosim.kernel.engine.PerOperatorCostModel.Efficiencies.DEFAULTS, 2_000_000));
        assertThat(perOp.written().costModel().params()).containsEntry("linear-compute", "0.7")
                .containsEntry("decode-attention-floor-us", "18.6").containsEntry("kv-write", "0.0037").hasSize(9);
        ResolvedCluster tuned = load(SPEC.replace("  max-batch: 8\n",
                "  max-batch: 8\n  cost-model: {kind: per-operator, attention-compute: 0.6}\n")).cluster();
        assertThat(((CostModelChoice.PerOperator) tuned.costModel()).efficiencies().attentionCompute()).isEqualTo(0.6);
        assertThat(((CostModelChoice.PerOperator) tuned.costModel()).efficiencies().linearCompute()).isEqualTo(0.7);
        assertThat(load(SPEC, "cluster.cost-model=roofline").cluster().written().costModel()).isNull();
    }

    /** Vidur's Llama-3-8B / A100 slice committed with the kernel's tests (cli tests run in cli/). */
    private static final Path PROFILE = Path.of("../kernel/src/test/resources/dev/aiosim/kernel/engine/profiled/a100/llama-3-8b")
            .toAbsolutePath().normalize();

    @Test
    void aProfiledCostModelReadsItsFolderAndIsWrittenBack(@org.junit.jupiter.api.io.TempDir Path dir) {
        ResolvedSpec s = load(SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: profiled, path: " + PROFILE + "}\n"));
        assertThat(s.cluster().costModel()).isEqualTo(new CostModelChoice.Profiled(PROFILE));
        dev.aiosim.kernel.engine.CostModel m = s.cluster().kernelConfig().engines().get(0).costModel();
        assertThat(m).isInstanceOf(dev.aiosim.kernel.engine.profiled.ProfiledCostModel.class);
        // Vidur's 2,048-token prefill of Llama-3-8B on an A100 (188.6 ms) plus the spec's 2 ms step overhead
        long prefill = m.stepNanos(new dev.aiosim.kernel.engine.StepShape(2048, 2048L * 2049 / 2, 0, 0));
        assertThat(prefill / 1e6).isCloseTo(190.6, org.assertj.core.api.Assertions.within(2.0));
        assertThat(s.cluster().written().costModel().params()).containsEntry("path", PROFILE.toString());
        // written relative to the results folder, and read back to the same folder
        com.fasterxml.jackson.databind.JsonNode tree = s.toTree(dir);
        String written = tree.get("cluster").get("cost-model").get("path").textValue();
        assertThat(dir.resolve(written).normalize()).isEqualTo(PROFILE);
    }

    @Test
    void badCostModelsNameTheFieldAndWhatWasExpected() {
        assertThat(error(SPEC, "cluster.cost-model=profiler")).contains("cluster.cost-model")
                .contains("expected one of roofline, per-operator, profiled").contains("'profiler'");
        String withKey = SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: per-operator, linear-compute: 1.5}\n");
        assertThat(error(withKey)).contains("t.yaml:").contains("cluster.cost-model.linear-compute")
                .contains("expected a fraction of peak from 0.01 to 1, got '1.5'");
        String unknown = SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: per-operator, mfu: 0.5}\n");
        assertThat(error(unknown)).contains("cluster.cost-model.mfu").contains("expected one of: linear-compute");
        String noKind = SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {linear-compute: 0.5}\n");
        assertThat(error(noKind)).contains("cluster.cost-model").contains("expected a 'kind'");
        String rooflineParams = SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: roofline, mfu: 0.4}\n");
        assertThat(error(rooflineParams)).contains("cluster.cost-model").contains("takes no parameters");
        assertThat(error(SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: profiled}\n")))
                .contains("cluster.cost-model.path: expected a folder with Vidur's mlp.csv and attention.csv, got nothing");
        assertThat(error(SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: profiled, path: /no/such}\n")))
                .contains("cluster.cost-model.path").contains("(no such folder)");
        assertThat(error(SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: profiled, path: /tmp, layers: 3}\n")))
                .contains("cluster.cost-model.layers: unknown profiled parameter 'layers'");
        // a folder without the tables: the reader's message, on the spec's field
        assertThat(error(SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  cost-model: {kind: profiled, path: /tmp}\n")))
                .contains("cluster.cost-model:").contains("mlp.csv");
    }

    @Test
    void aCatalogWithoutModelDimensionsServesTheRooflineButNotThePerOperatorModel(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Path catalog = dir.resolve("old.properties");
        java.nio.file.Files.writeString(catalog, """
                gpu.G.peak-flops = 312e12
                gpu.G.hbm-bytes-per-sec = 2e12
                gpu.G.memory-bytes = 80e9
                gpu.G.pcie-bytes-per-sec = 32e9
                model.M.params = 8e9
                model.M.layers = 32
                model.M.query-heads = 32
                model.M.kv-heads = 8
                model.M.head-dim = 128
                model.M.dtype-bytes = 2
                model.M.tensor-parallel = 1
                """);
        String spec = SPEC.replace("  max-batch: 8\n", "  max-batch: 8\n  catalog: " + catalog + "\n  gpu: G\n  model: M\n");
        assertThat(load(spec).cluster().model()).isEqualTo("M");
        assertThat(error(spec, "cluster.cost-model=per-operator")).contains("cluster.cost-model")
                .contains("model M").contains("hidden-size");
    }
}
