package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.engine.packing.Sarathi;
import dev.aiosim.kernel.engine.packing.StepPacking;
import dev.aiosim.kernel.engine.packing.VllmV0;
import dev.aiosim.kernel.engine.packing.VllmV1;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster.packing} with its budgets {@code max-num-batched-tokens} and {@code chunk-size}:
 * defaults of the engines each packing models, every engine gets it, the resolved spec writes it
 * (only when not orca) and reads it back, and bad values are one line naming the field.
 */
class PackingSpecTest {
    private final SpecLoader loader = new SpecLoader(SchedulerRegistry.load());

    private ResolvedSpec load(String yaml, String... sets) {
        return loader.load(new SpecLoader.Source("t.yaml", yaml, Path.of("/tmp"), "t"),
                Arrays.stream(sets).map(SpecOverride::parse).toList());
    }

    private StepPacking packing(String... sets) {
        return load(SpecLoaderTest.SPEC, sets).cluster().packing();
    }

    private String error(String... sets) {
        try {
            load(SpecLoaderTest.SPEC, sets);
        } catch (SpecException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a SpecException");
    }

    @Test
    void orcaByDefaultAndLeftOutOfTheResolvedSpec() throws Exception {
        ResolvedSpec s = load(SpecLoaderTest.SPEC);
        assertThat(s.cluster().packing()).isEqualTo(StepPacking.DEFAULT);
        String yaml = Yaml.MAPPER.writeValueAsString(s.toTree(Path.of("/tmp")));
        assertThat(yaml).doesNotContain("packing").doesNotContain("max-num-batched-tokens").doesNotContain("chunk-size");
        assertThat(packing("cluster.packing=orca")).isEqualTo(StepPacking.DEFAULT);
    }

    @Test
    void eachPackingTakesTheDefaultBudgetOfTheEngineItModels() {
        // vLLM V1's OpenAI server: 8192 on an H100 (80 GB), 2048 on an A100 and on GPUs under 70 GiB
        assertThat(packing("cluster.packing=vllm-v1")).isEqualTo(new VllmV1(8192));
        assertThat(packing("cluster.packing=vllm-v1", "cluster.gpu=A100-SXM-80G")).isEqualTo(new VllmV1(2048));
        assertThat(packing("cluster.packing=vllm-v1", "cluster.gpu=H200")).isEqualTo(new VllmV1(8192));
        assertThat(packing("cluster.packing=vllm-v0")).isEqualTo(new VllmV0(131_072));
        assertThat(packing("cluster.packing=prefill-first")).isEqualTo(new VllmV0(131_072));
        assertThat(packing("cluster.packing=sarathi")).isEqualTo(new Sarathi(512));
        assertThat(packing("cluster.packing=sarathi", "cluster.chunk-size=256")).isEqualTo(new Sarathi(256));
        assertThat(packing("cluster.packing=vllm-v1", "cluster.max-num-batched-tokens=4096")).isEqualTo(new VllmV1(4096));
        // a default below max-batch is raised to it
        assertThat(packing("cluster.packing=sarathi", "cluster.max-batch=1024")).isEqualTo(new Sarathi(1024));
    }

    @Test
    void everyEngineGetsItAndTheResolvedSpecReadsBack() throws Exception {
        ResolvedSpec s = load(SpecLoaderTest.SPEC, "cluster.engines=2", "cluster.packing=prefill-first",
                "cluster.max-num-batched-tokens=4096");
        assertThat(s.cluster().kernelConfig().engines()).hasSize(2).extracting(EngineConfig::packing)
                .containsOnly(new VllmV0(4096));
        String yaml = Yaml.MAPPER.writeValueAsString(s.toTree(Path.of("/tmp")));
        assertThat(yaml).contains("packing: vllm-v0").contains("max-num-batched-tokens: 4096").doesNotContain("chunk-size");
        assertThat(load(yaml).cluster().packing()).isEqualTo(new VllmV0(4096));
        String sarathi = Yaml.MAPPER.writeValueAsString(load(SpecLoaderTest.SPEC, "cluster.packing=sarathi").toTree(Path.of("/tmp")));
        assertThat(sarathi).contains("chunk-size: 512").doesNotContain("max-num-batched-tokens");
    }

    @Test
    void badValuesAreOneLineNamingTheField() {
        assertThat(error("cluster.packing=fcfs")).isEqualTo("--set cluster.packing=fcfs: cluster.packing: expected one of"
                + " orca, vllm-v1, vllm-v0, sarathi (or prefill-first), got 'fcfs'");
        assertThat(error("cluster.packing=vllm-v1", "cluster.max-num-batched-tokens=4"))
                .endsWith("cluster.max-num-batched-tokens: expected tokens per step from cluster.max-batch (8) to 16777216, got 4");
        assertThat(error("cluster.packing=sarathi", "cluster.chunk-size=999999999"))
                .endsWith("cluster.chunk-size: expected tokens per step from cluster.max-batch (8) to 16777216, got 999999999");
        assertThat(error("cluster.chunk-size=512")).endsWith("cluster.chunk-size: not used by packing orca; only by sarathi");
        assertThat(error("cluster.packing=sarathi", "cluster.max-num-batched-tokens=512"))
                .endsWith("cluster.max-num-batched-tokens: not used by packing sarathi; only by vllm-v1 or vllm-v0"
                        + " (sarathi reads chunk-size)");
        assertThat(error("cluster.packing=vllm-v1", "cluster.chunk-size=x")).contains("cluster.chunk-size").doesNotContain("\n");
    }
}
