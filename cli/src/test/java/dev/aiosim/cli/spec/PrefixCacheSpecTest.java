package dev.aiosim.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.engine.EngineConfig;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code cluster.prefix-cache}: on or off, default off, carried to every engine and into the resolved spec. */
class PrefixCacheSpecTest {
    private final SpecLoader loader = new SpecLoader(SchedulerRegistry.load());

    private ResolvedSpec load(String yaml, String... sets) {
        return loader.load(new SpecLoader.Source("t.yaml", yaml, Path.of("/tmp"), "t"),
                Arrays.stream(sets).map(SpecOverride::parse).toList());
    }

    private String error(String yaml, String... sets) {
        try {
            load(yaml, sets);
        } catch (SpecException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a SpecException");
    }

    @Test
    void offByDefault() {
        ResolvedSpec s = load(SpecLoaderTest.SPEC);
        assertThat(s.cluster().prefixCache()).isFalse();
        assertThat(s.cluster().kernelConfig().engines()).extracting(EngineConfig::prefixCache).containsOnly(false);
    }

    @Test
    void onInTheFileOrFromTheCommandLineReachesEveryEngine() {
        ResolvedSpec s = load(SpecLoaderTest.SPEC.replace("  max-batch: 8", "  max-batch: 8\n  prefix-cache: on\n  engines: 2"));
        assertThat(s.cluster().prefixCache()).isTrue();
        assertThat(s.cluster().kernelConfig().engines()).hasSize(2).extracting(EngineConfig::prefixCache).containsOnly(true);
        assertThat(load(SpecLoaderTest.SPEC, "cluster.prefix-cache=on").cluster().prefixCache()).isTrue();
        assertThat(load(SpecLoaderTest.SPEC, "cluster.prefix-cache=off").cluster().prefixCache()).isFalse();
    }

    @Test
    void theResolvedSpecWritesItAndReadsItBack() throws Exception {
        ResolvedSpec s = load(SpecLoaderTest.SPEC, "cluster.prefix-cache=on");
        String yaml = Yaml.MAPPER.writeValueAsString(s.toTree(Path.of("/tmp")));
        assertThat(yaml).containsPattern("prefix-cache: \"?on\"?");
        assertThat(load(yaml).cluster().prefixCache()).isTrue();
        String off = Yaml.MAPPER.writeValueAsString(load(SpecLoaderTest.SPEC).toTree(Path.of("/tmp")));
        assertThat(load(off).cluster().prefixCache()).isFalse();
    }

    @Test
    void anythingElseIsAnErrorNamingTheField() {
        assertThat(error(SpecLoaderTest.SPEC, "cluster.prefix-cache=sometimes"))
                .isEqualTo("--set cluster.prefix-cache=sometimes: cluster.prefix-cache: expected on or off, got 'sometimes'");
        assertThat(error(SpecLoaderTest.SPEC.replace("  max-batch: 8", "  max-batch: 8\n  prefix-cache: maybe")))
                .startsWith("t.yaml:6:3: cluster.prefix-cache: expected on or off, got 'maybe'");
    }
}
