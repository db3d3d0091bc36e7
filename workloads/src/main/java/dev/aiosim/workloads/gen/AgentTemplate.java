package dev.aiosim.workloads.gen;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.PageOut;
import dev.aiosim.kernel.process.Program;
import dev.aiosim.workloads.DistSpec.Unit;
import dev.aiosim.workloads.ProgramSpec;
import dev.aiosim.workloads.program.MultiTurnProgram;
import dev.aiosim.workloads.program.PagedProgram;
import dev.aiosim.workloads.program.PlanExecuteProgram;
import dev.aiosim.workloads.program.ReactMemoryProgram;
import dev.aiosim.workloads.program.ReactProgram;
import dev.aiosim.workloads.program.SharedMemoryProgram;
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
    private final QuantityDist turns;
    private final QuantityDist thinkTime;
    private final QuantityDist fanout;
    private final QuantityDist workerPrompt;
    private final QuantityDist workerOutput;
    private final int maxTokens;
    private final String tool;
    private final int recall;
    private final int teamSize;
    private final PageOut pageOut;

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
        this.turns = resolve(spec.turns(), Unit.COUNT, path + ".turns", baseDir, columns);
        this.thinkTime = resolve(spec.thinkTime(), Unit.DURATION, path + ".think-time", baseDir, columns);
        this.fanout = resolve(spec.fanout(), Unit.COUNT, path + ".fanout", baseDir, columns);
        this.workerPrompt = resolve(spec.workerPrompt(), Unit.TOKENS, path + ".worker-prompt", baseDir, columns);
        this.workerOutput = resolve(spec.workerOutput(), Unit.TOKENS, path + ".worker-output", baseDir, columns);
        this.maxTokens = spec.maxTokensOrDefault();
        this.tool = spec.toolOrDefault();
        this.recall = spec.recallOrDefault();
        this.teamSize = spec.teamSizeOrDefault();
        this.pageOut = switch (spec.pageOutOrDefault()) {
            case "truncate" -> new PageOut(PageOut.Mode.TRUNCATE, 1);
            case "summarise" -> new PageOut(PageOut.Mode.SUMMARISE, spec.summaryTokensOrDefault());
            default -> null;
        };
    }

    /** The access-control group of agent {@code pid}: its team for shared-memory, else {@code default}. */
    public String group(long pid) {
        return kind.equals("shared-memory") ? SharedMemoryProgram.group(pid, teamSize) : "default";
    }

    private static QuantityDist resolve(dev.aiosim.workloads.DistSpec d, Unit unit, String path, Path baseDir,
                                        EmpiricalColumn.Cache columns) {
        return d == null ? null : QuantityDist.of(d, unit, path, baseDir, columns);
    }

    private static LongSupplier bind(QuantityDist d, UniformRandomProvider rng) {
        return d == null ? () -> 0L : d.sampler(rng);
    }

    /** A new program drawing from {@code rng}, with prefix session key 0 (see {@link #create(UniformRandomProvider, long)}). */
    public Program create(UniformRandomProvider rng) {
        return create(rng, 0);
    }

    /**
     * A new program drawing from {@code rng}. Chat: system prompt, step prompt, output, drawn in
     * that order now. React: rounds, system prompt now, the rest as the program runs
     * (see {@link ReactProgram}). Plan-execute: rounds (1 when absent), system prompt now, the rest
     * as it runs (see {@link PlanExecuteProgram}). Multi-turn: turns, system prompt now, the rest
     * as it runs (see {@link MultiTurnProgram}).
     *
     * @param session the agent's prefix-cache session key (used by plan-execute and multi-turn),
     *     unique within the workload
     */
    public Program create(UniformRandomProvider rng, long session) {
        Program p = program(rng, session);
        return pageOut == null ? p : new PagedProgram(p, pageOut);
    }

    private Program program(UniformRandomProvider rng, long session) {
        return switch (kind) {
            case "chat" -> {
                long prompt = bind(systemPrompt, rng).getAsLong() + bind(stepPrompt, rng).getAsLong();
                long out = output.sampler(rng).getAsLong();
                yield new SingleCallProgram(new LlmCall((int) Math.min(prompt, Integer.MAX_VALUE), (int) out, maxTokens));
            }
            case "plan-execute" -> {
                int r = rounds == null ? 1 : (int) rounds.sampler(rng).getAsLong();
                long system = bind(systemPrompt, rng).getAsLong();
                LongSupplier out = output.sampler(rng);
                yield new PlanExecuteProgram(r, system, bind(stepPrompt, rng), out, fanout.sampler(rng),
                        bind(workerPrompt, rng), workerOutput == null ? out : workerOutput.sampler(rng),
                        toolLatency == null ? null : toolLatency.sampler(rng), maxTokens, tool, session);
            }
            case "multi-turn" -> {
                int t = (int) turns.sampler(rng).getAsLong();
                long system = bind(systemPrompt, rng).getAsLong();
                yield new MultiTurnProgram(t, system, bind(stepPrompt, rng), output.sampler(rng),
                        thinkTime.sampler(rng), maxTokens, session);
            }
            case "react-memory" -> {
                int r = (int) rounds.sampler(rng).getAsLong();
                long system = bind(systemPrompt, rng).getAsLong();
                yield new ReactMemoryProgram(r, recall, system, bind(stepPrompt, rng), output.sampler(rng),
                        toolLatency.sampler(rng), maxTokens, tool);
            }
            case "shared-memory" -> {
                int r = (int) rounds.sampler(rng).getAsLong();
                long system = bind(systemPrompt, rng).getAsLong();
                yield new SharedMemoryProgram(session, teamSize, r, system, bind(stepPrompt, rng), output.sampler(rng),
                        toolLatency.sampler(rng), maxTokens, tool);
            }
            default -> {
                int r = (int) rounds.sampler(rng).getAsLong();
                long system = bind(systemPrompt, rng).getAsLong();
                yield new ReactProgram(r, system, bind(stepPrompt, rng), output.sampler(rng), toolLatency.sampler(rng),
                        maxTokens, tool);
            }
        };
    }
}
