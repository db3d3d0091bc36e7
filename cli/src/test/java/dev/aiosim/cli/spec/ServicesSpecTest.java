package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.access.Rights;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.kernel.services.OsConfig;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The memory, storage and access sections: defaults, the kernel config they make, and one-line errors with file and line. */
class ServicesSpecTest {
    static final String BASE = """
            name: t
            workload:
              agents: 4
              program:
                rounds: {dist: fixed, value: 2}
                step-prompt: {dist: fixed, value: 100}
                output: {dist: fixed, value: 20}
                tool-latency: {dist: fixed, value: 1s}
            """;

    private final SpecLoader loader = new SpecLoader(SchedulerRegistry.load());

    private ResolvedSpec load(String yaml, String... sets) {
        return loader.load(new SpecLoader.Source("t.yaml", yaml, Path.of("/tmp"), "t"),
                Arrays.stream(sets).map(SpecOverride::parse).toList());
    }

    private String error(String yaml) {
        try {
            load(yaml);
        } catch (SpecException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected a SpecException");
    }

    @Test
    void noSectionNoServicesButTheCatalogsContextWindow() {
        ResolvedSpec s = load(BASE);
        assertThat(s.services().declared()).isFalse();
        OsConfig os = s.kernelConfig().os();
        assertThat(os.memory()).isNull();
        assertThat(os.storage()).isNull();
        assertThat(os.access()).isEmpty();
        assertThat(os.contextWindowTokens()).isEqualTo(131072); // Llama-3.1-8B's model card
        assertThat(load(BASE, "cluster.model=Mistral-7B").kernelConfig().os().contextWindowTokens()).isEqualTo(8192);
    }

    @Test
    void defaultsAreFilledInAndWrittenBack() {
        ResolvedSpec s = load(BASE + "memory: {}\nstorage: {}\naccess:\n  - {group: a, memory: read}\n");
        assertThat(s.services().declared()).isTrue();
        OsConfig os = s.kernelConfig().os();
        assertThat(os.memory().ramBytes()).isEqualTo(64L << 20);
        assertThat(os.memory().k()).isEqualTo(1);
        assertThat(os.memory().hitLatencyNanos()).isEqualTo(10_000);
        assertThat(os.memory().missLatencyNanos()).isEqualTo(1_000_000);
        assertThat(os.storage().latencyNanos()).isEqualTo(100_000);
        assertThat(os.storage().bytesPerSecond()).isEqualTo(1e9);
        assertThat(os.access()).hasSize(1);
        assertThat(os.access().get(0).of()).containsExactly("same");
        assertThat(os.access().get(0).memory()).isEqualTo(Rights.READ);
        assertThat(os.access().get(0).storage()).isEqualTo(Rights.NONE);
        String written = s.toTree(Path.of("/tmp")).toString();
        assertThat(written).contains("\"ram\":\"64MiB\"", "\"eviction\":\"lru\"", "\"bandwidth\":\"1GB/s\"", "\"of\":[\"same\"]");
    }

    @Test
    void lruKAndBandwidths() {
        ResolvedSpec s = load(BASE + "memory: {ram: 1MiB, eviction: lru-k, k: 3, spill-bandwidth: 500MB/s}\n");
        assertThat(s.kernelConfig().os().memory().k()).isEqualTo(3);
        assertThat(s.kernelConfig().os().memory().spillBytesPerSecond()).isEqualTo(500e6);
        assertThat(load(BASE + "memory: {eviction: lru-k}\n").kernelConfig().os().memory().k()).isEqualTo(2);
        assertThat(load(BASE + "memory: {}\n", "memory.ram=2KiB").kernelConfig().os().memory().ramBytes()).isEqualTo(2048);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "memory: {eviction: lfu}|t.yaml:9:10: memory.eviction: expected lru or lru-k, got 'lfu'",
        "memory: {k: 2}|t.yaml:9:10: memory.k: k is lru-k's parameter; with eviction: lru leave it out, got 2",
        "memory: {eviction: lru-k, k: 1}|t.yaml:9:27: memory.k: expected an integer from 2 to 16 (k = 1 is plain lru), got 1",
        "memory: {eviction: lru-k, k: 17}|t.yaml:9:27: memory.k: expected an integer from 2 to 16 (k = 1 is plain lru), got 17",
        "memory: {ram: 0}|t.yaml:9:10: memory.ram: expected a size >= 1 byte, got 0",
        "memory: {hit-latency: 2h}|t.yaml:9:10: memory.hit-latency: expected a duration from 0 to 1h, got 2h",
        "memory: {spill-bandwidth: 0}|t.yaml:9:10: memory.spill-bandwidth: expected a bandwidth like 1GB/s or 500MiB/s (a size per second, > 0), got '0'",
        "memory: {colour: red}|t.yaml:9:10: memory.colour: unknown field 'colour'; expected one of: eviction, hit-latency, k, miss-latency, ram, spill-bandwidth",
        "storage: {bandwidth: fast}|t.yaml:9:11: storage.bandwidth: expected a bandwidth like 1GB/s or 500MiB/s (a size per second, > 0), got 'fast'",
        "access: [{memory: read}]|t.yaml:9:10: access[0].group: expected the callers' group name or '*', got nothing",
        "access: [{group: a, memory: all}]|t.yaml:9:21: access[0].memory: expected none, read, write or read-write, got 'all'",
        "access: [{group: a}]|t.yaml:9:10: access[0]: the rule grants nothing: give memory, storage (read, write or read-write) or tools",
        "access: [{group: a, of: [], memory: read}]|t.yaml:9:21: access[0].of: expected at least one target group (a name, 'same' or '*')",
    })
    void badValuesAreOneLineWithFileLineAndField(String section, String expected) {
        assertThat(error(BASE + section + "\n")).isEqualTo(expected);
    }
}
