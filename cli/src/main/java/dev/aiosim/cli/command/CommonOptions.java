package dev.aiosim.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.aiosim.cli.spec.SpecOverride;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.aiosim.cli.run.Interrupt;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every experiment command takes: where results go, seed, overrides, policies and plug-in jars, verbosity, {@code --debug}. */
public final class CommonOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/runs/<name>-<yyyyMMdd-HHmmss>).")
    Path out;

    @Option(names = "--seed", paramLabel = "N",
            description = "First seed; the seeds are N, N+1, ... (one per repetition). Replaces the spec's seed and seeds.")
    Long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"Overrides a spec value by dotted path, e.g. cluster.max-batch=32, workload.agents=100,"
                + " schedulers[1].quantum=32. The value is read as YAML; an empty value removes the key. Repeatable."})
    List<String> sets = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Runs these policies instead of the spec's schedulers (repeatable; parameters with --set schedulers[i].KEY=...).")
    List<String> policies = new ArrayList<>();

    @Option(names = "--overwrite",
            description = "Write into a non-empty --out folder that holds no earlier aiosim result (only aiosim's result files there are replaced).")
    boolean overwrite;

    @Option(names = "--audit",
            description = "Write the hash-chained audit trail audit.jsonl (every syscall and fate-changing decision); same as the spec's audit: on.")
    boolean audit;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no tables; prints only the results folder.")
    boolean quiet;

    /** Ctrl-C and SIGTERM: stop the run in progress and write what was measured, marked partial. */
    final Interrupt interrupt = new Interrupt();

    @Mixin
    DebugOption debug = new DebugOption();

    @Mixin
    PolicyPathOption policyPath = new PolicyPathOption();

    /** The overrides these options make, in the order they apply: --policy, --seed, then each --set. */
    List<SpecOverride> overrides() {
        List<SpecOverride> list = new ArrayList<>();
        if (!policies.isEmpty()) {
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            policies.forEach(names::add);
            list.add(SpecOverride.of("--policy " + String.join(" --policy ", policies), "schedulers", names));
        }
        if (seed != null) {
            list.add(SpecOverride.of("--seed " + seed, "seed", JsonNodeFactory.instance.numberNode(seed)));
        }
        if (audit) {
            list.add(SpecOverride.of("--audit", "audit", JsonNodeFactory.instance.textNode("on")));
        }
        for (String s : sets) {
            list.add(SpecOverride.parse(s));
        }
        return list;
    }
}
