package dev.aiosim.workloads.gen;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.workloads.DistSpec.Unit;
import dev.aiosim.workloads.ProgramSpec;
import dev.aiosim.workloads.program.ReactProgram;
import dev.aiosim.workloads.program.SingleCallProgram;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A {@link ProgramSpec} with its distributions resolved: makes one program per agent, each drawing
 * only from the random stream it is given. Exists so that distributions (and empirical files)
 * are resolved once per workload, not once per agent.
 */
public final class AgentTemplate {
    private final String kind;
    private final QuantityDist rounds;
    private final QuantityDist systemPrompt;
    private final QuantityDist stepPrompt;
    private final QuantityDist output;
    private final QuantityDist toolLatency;
    private final int maxTokens;
    private final String tool;

    /**
     * @param spec a validated program spec
     * @param path its place in the experiment spec, for messages
     * @param baseDir folder relative empirical files are resolved against
     */
    public AgentTemplate(ProgramSpec spec, String path, Path baseDir, EmpiricalColumn.Cache columns) {
        this.kind = spec.kindOrDefault();
        this.rounds = resolve(spec.rounds(), Unit.COUNT, path + ".rounds", baseDir, columns);
        this.systemPrompt = resolve(spec.systemPrompt(), Unit.TOKENS, path + ".system-prompt", baseDir, columns);
        this.stepPrompt = resolve(spec.stepPrompt(), Unit.TOKENS, path + ".step-prompt", baseDir, columns);
        this.output = resolve(spec.output(), Unit.TOKENS, path + ".output", baseDir, columns);
        this.toolLatency = resolve(spec.toolLatency(), Unit.DURATION, path + ".tool-latency", baseDir, columns);
        this.maxTokens = spec.maxTokensOrDefault();
        this.tool = spec.toolOrDefault();
    }

    private static QuantityDist resolve(dev.aiosim.workloads.DistSpec d, Unit unit, String path, Path baseDir,
                                        EmpiricalColumn.Cache columns) {
        return d == null ? null : QuantityDist.of(d, unit, path, baseDir, columns);
    }

    private static LongSupplier bind(QuantityDist d, UniformRandomProvider rng) {
        return d == null ? () -> 0L : d.sampler(rng);
    }

    /**
     * A new program drawing from {@code rng}. Chat: system prompt, step prompt, output, drawn in
     * that order now. React: rounds, system prompt now, the rest as the program runs
     * (see {@link ReactProgram}).
     */
    public Program create(UniformRandomProvider rng) {
        if (kind.equals("chat")) {
            long prompt = bind(systemPrompt, rng).getAsLong() + bind(stepPrompt, rng).getAsLong();
            long out = output.sampler(rng).getAsLong();
            return new SingleCallProgram(new LlmCall((int) Math.min(prompt, Integer.MAX_VALUE), (int) out, maxTokens));
        }
        int r = (int) rounds.sampler(rng).getAsLong();
        long system = bind(systemPrompt, rng).getAsLong();
        return new ReactProgram(r, system, bind(stepPrompt, rng), output.sampler(rng), toolLatency.sampler(rng),
                maxTokens, tool);
    }
}
