package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resolved spec is written through the records it is read with: what {@code spec.yaml} says
 * reads back to the same values, and writing that again gives the same text.
 */
class ResolvedSpecRoundTripTest {
    private static final String[] GPUS = {"H100-SXM", "H200", "A100-SXM-80G"};
    private static final String[] MODELS = {"Llama-3.1-8B", "Mistral-7B"};

    private final SpecLoader loader = new SpecLoader(SchedulerRegistry.load());

    /** A cluster section with a random subset of its fields set to random valid values. */
    private static ClusterSpec randomCluster(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String packing = List.of("", "orca", "vllm-v1", "vllm-v0", "prefill-first", "sarathi").get(r.nextInt(6));
        packing = packing.isEmpty() ? null : packing;
        Integer budget = r.nextBoolean() ? r.nextInt(512, 20_000) : null; // at least the largest max-batch drawn
        return new ClusterSpec(
                r.nextBoolean() ? r.nextInt(1, 5) : null,
                r.nextBoolean() ? GPUS[r.nextInt(GPUS.length)] : null,
                r.nextBoolean() ? MODELS[r.nextInt(MODELS.length)] : null,
                r.nextBoolean() ? 1 << r.nextInt(3) : null,
                r.nextBoolean() ? r.nextInt(1, 513) : null,
                r.nextBoolean() ? r.nextLong(1, 2_000_000) : null,
                r.nextBoolean() ? r.nextInt(50, 96) / 100.0 : null,
                r.nextBoolean() ? (r.nextBoolean() ? "swap" : "recompute") : null,
                r.nextBoolean() ? new ByteSize(r.nextLong(0, 1L << 40)) : null,
                randomCostModel(r),
                r.nextBoolean() ? r.nextInt(1, 101) / 100.0 : null,
                r.nextBoolean() ? r.nextInt(1, 101) / 100.0 : null,
                r.nextBoolean() ? new DurationValue(r.nextLong(0, 10_000_000_000L)) : null,
                r.nextBoolean() ? (r.nextBoolean() ? "round-robin" : "least-loaded") : null,
                null,
                r.nextBoolean() ? r.nextInt(0, 9) : null,
                r.nextBoolean() ? r.nextInt(0, 9) : null,
                r.nextBoolean() ? r.nextInt(0, 9) : null,
                r.nextBoolean() ? List.of("on", "off", "true", "false").get(r.nextInt(4)) : null,
                packing, packing != null && packing.startsWith("v") || "prefill-first".equals(packing) ? budget : null,
                "sarathi".equals(packing) ? budget : null);
    }

    /** Absent, a bare kind, or per-operator with some efficiencies given. */
    private static CostModelSpec randomCostModel(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> CostModelSpec.of(r.nextBoolean() ? "roofline" : "per-operator");
            default -> {
                java.util.TreeMap<String, String> p = new java.util.TreeMap<>();
                for (String k : CostModelChoice.PerOperator.KEYS) {
                    if (r.nextBoolean()) {
                        p.put(k, Double.toString(r.nextInt(1, 101) / 100.0));
                    }
                }
                yield new CostModelSpec("per-operator", p);
            }
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aResolvedClusterReadsBackToTheSameValues(long seed) throws JsonProcessingException {
        ResolvedCluster first = ResolvedCluster.resolve(randomCluster(seed));
        ClusterSpec written = first.written();
        String yaml = Yaml.MAPPER.writeValueAsString(written);
        ClusterSpec read = Yaml.MAPPER.readValue(yaml, ClusterSpec.class);
        assertThat(read).isEqualTo(written);
        ResolvedCluster again = ResolvedCluster.resolve(read);
        // the same cluster, now with kv-tokens explicit
        assertThat(again).usingRecursiveComparison().ignoringFields("kvDerived").isEqualTo(first);
        assertThat(again.written()).isEqualTo(written);
        assertThat(again.kvDerived()).isFalse();
    }

    @Test
    void theClusterSectionListsEveryKeyInTheSpecOrderAndTheCatalogOnlyWhenGiven() {
        ObjectNode tree = Yaml.MAPPER.valueToTree(ResolvedCluster.resolve(ClusterSpec.defaults()).written());
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("engines", "gpu", "model", "tensor-parallel", "max-batch", "kv-tokens",
                "gpu-memory-utilization", "preemption", "host-swap", "mfu", "mbu", "step-overhead", "dispatcher",
                "tool-concurrency", "memory-concurrency", "storage-concurrency", "prefix-cache");
        assertThat(tree.get("prefix-cache").textValue()).isEqualTo("off");
        assertThat(tree.get("host-swap").textValue()).isEqualTo("64GiB");
        assertThat(tree.get("step-overhead").textValue()).isEqualTo("1ms");
    }

    private ResolvedSpec load(String yaml, Path dir) {
        return loader.load(new SpecLoader.Source("t.yaml", yaml, dir, "t"), List.of());
    }

    @Test
    void theWrittenSpecLoadsToTheSameSpecAndWritesTheSameText() throws JsonProcessingException {
        Path dir = Path.of("/tmp/aiosim-roundtrip");
        String spec = """
                name: t
                description: "every section: set"
                seeds: [4, 9]
                cluster: {engines: 2, max-batch: 8, host-swap: 1.5GiB, prefix-cache: on}
                workload:
                  agents: 10
                  program:
                    rounds: {dist: fixed, value: 2}
                    step-prompt: {dist: fixed, value: 100}
                    output: {dist: fixed, value: 20}
                    tool-latency: {dist: fixed, value: 1s}
                schedulers:
                  - fifo
                  - {name: rr, quantum: 64, label: rr64}
                  - {name: priority, aging: 2s}
                slo: {ttft: 500ms, e2e: 30s}
                horizon: 10m
                """;
        ResolvedSpec first = load(spec, dir);
        String text = Yaml.MAPPER.writeValueAsString(first.toTree(dir));
        ResolvedSpec again = load(text, dir);
        assertThat(Yaml.MAPPER.writeValueAsString(again.toTree(dir))).isEqualTo(text);
        assertThat(again.seeds()).isEqualTo(first.seeds());
        assertThat(again.cluster().written()).isEqualTo(first.cluster().written());
        assertThat(again.slo()).isEqualTo(first.slo());
        assertThat(again.horizon()).isEqualTo(first.horizon());
        assertThat(again.policies()).extracting(PolicyEntry::label).containsExactly("fifo", "rr64", "priority(aging=2s)");
        List<String> keys = new ArrayList<>();
        first.toTree(dir).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("name", "description", "seed", "repetitions", "seeds", "cluster", "workload",
                "schedulers", "slo", "horizon");
        assertThat(text).contains("  - name: rr\n    label: rr64\n    quantum: 64\n").contains("slo:\n  ttft: 500ms\n  e2e: 30s\n");
    }

    @Test
    void absentAndEmptySectionsAreLeftOut() {
        Path dir = Path.of("/tmp/aiosim-roundtrip");
        ResolvedSpec s = load("""
                name: t
                workload: {agents: 1, program: {rounds: {dist: fixed, value: 1}, step-prompt: {dist: fixed, value: 9},
                  output: {dist: fixed, value: 9}, tool-latency: {dist: fixed, value: 1s}}}
                slo: {}
                """, dir);
        List<String> keys = new ArrayList<>();
        s.toTree(dir).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("name", "seed", "repetitions", "seeds", "cluster", "workload", "schedulers");
    }
}
