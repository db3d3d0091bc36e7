package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What every generated agent does; exists so a spec can describe agent behaviour by a few length
 * distributions instead of code.
 *
 * <p><b>react</b> (the default kind): the agent draws a number of {@code rounds} and a
 * {@code system-prompt}; each round is one LLM call followed by one tool call, except the last
 * round, which ends the agent after its LLM call. Round i's prompt is the system prompt, plus for
 * every earlier round its step prompt and the tokens it generated, plus round i's own newly drawn
 * {@code step-prompt} (the observation or user turn): the prompt grows with the history.
 * "Tokens generated" is the drawn {@code output} cut at {@code max-tokens}, which is what the
 * engine returns. Each tool call takes a drawn {@code tool-latency}.
 *
 * <p><b>chat</b>: one LLM call whose prompt is {@code system-prompt} + {@code step-prompt}
 * (either may be left out, not both) and whose output is drawn from {@code output}: the
 * single-call chat program. {@code rounds} and {@code tool-latency} are not used.
 *
 * <p><b>plan-execute</b> (LLMCompiler-style, see
 * {@link dev.aiosim.workloads.program.PlanExecuteProgram}): per round (optional {@code rounds},
 * default 1) one planning LLM call (prompt: the history + a new {@code step-prompt}, output from
 * {@code output}); then one parallel fan-out of k = {@code fanout} worker LLM calls, each
 * prompted with the plan's context + its own {@code worker-prompt} (optional, default 0 new
 * tokens) and generating {@code worker-output} (default: {@code output}); with
 * {@code tool-latency} the fan-out also runs k tool calls in parallel with the workers; then a
 * join LLM call whose prompt is the plan's context + every worker's output, generating
 * {@code output}.
 *
 * <p><b>multi-turn</b>: a chat session of {@code turns} turns; turn i's prompt is the
 * system prompt + every earlier turn's user message and output + a new user message
 * ({@code step-prompt}); between turns the user thinks for {@code think-time} (a tool call named
 * {@code user}). Its calls carry a session prefix so a prefix cache can reuse the history.
 *
 * <p><b>react-memory</b>: the react loop whose agent keeps its observations in memory (AIOS's
 * memory manager): after each tool call it draws the next round's {@code step-prompt} (the
 * observation) and writes it to its memory as item {@code obs-i} (tokens x 4 bytes); before each
 * later LLM call it reads back its {@code recall} (default 3) most recent observations, newest
 * first. See {@link dev.aiosim.workloads.program.ReactMemoryProgram}.
 *
 * <p><b>shared-memory</b>: teams of {@code team-size} (default 4) react agents sharing a
 * blackboard in their team lead's memory: agent k is in group {@code team-<k / team-size>}, whose
 * lead is its first agent; after each tool call an agent writes its observation to the lead's
 * memory (item {@code board-k}) and reads the previous teammate's entry back. Without an
 * {@code access} rule letting the team reach its own group's memory, every call on the lead's
 * memory by another member is denied (the agent goes on without it). See
 * {@link dev.aiosim.workloads.program.SharedMemoryProgram}.
 *
 * <p>Every kind takes {@code page-out}: what the kernel does when one of its LLM calls would
 * exceed the model's context window: {@code fail} (default), {@code truncate} or
 * {@code summarise} (an extra LLM call writing a {@code summary-tokens}-token summary, default
 * 512, to memory; see {@link dev.aiosim.kernel.memory.ContextWindow}).
 *
 * <p>An agent whose call the kernel rejects (e.g. a prompt larger than any KV pool) ends there.
 *
 * @param kind {@code react} (default), {@code chat}, {@code plan-execute} or {@code multi-turn}
 * @param rounds react: number of rounds; plan-execute: number of plan/fan-out/join rounds
 *     (optional, default 1); integers >= 1
 * @param systemPrompt tokens in the first prompt (optional, counts as 0 when absent)
 * @param stepPrompt new prompt tokens each round, task per plan, or user message per turn
 *     (optional, counts as 0 when absent)
 * @param output LLM output tokens per call (plan-execute: plan and join calls)
 * @param toolLatency react: how long each tool call takes (durations like 250ms, 1.5s, 2m, or
 *     seconds); plan-execute: optional, each parallel tool call
 * @param maxTokens cap on generated tokens per call, 0 or absent for none
 * @param tool name given to tool calls, {@code tool} by default
 * @param turns multi-turn: number of turns, integers >= 1
 * @param thinkTime multi-turn: user think time between turns, a duration distribution
 * @param fanout plan-execute: parallel worker calls per round, integers >= 1
 * @param workerPrompt plan-execute: new prompt tokens per worker (optional, counts as 0)
 * @param workerOutput plan-execute: output tokens per worker (optional, default {@code output})
 * @param recall react-memory: observations read back before each LLM call, 1 to 1000 (default 3)
 * @param teamSize shared-memory: agents per team, 1 to 1,000,000 (default 4)
 * @param pageOut fail, truncate or summarise (default fail)
 * @param summaryTokens with page-out summarise: the summary's tokens, 1 to 1,000,000 (default 512)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgramSpec(
        @JsonProperty("kind") String kind,
        @JsonProperty("rounds") DistSpec rounds,
        @JsonProperty("system-prompt") DistSpec systemPrompt,
        @JsonProperty("step-prompt") DistSpec stepPrompt,
        @JsonProperty("output") DistSpec output,
        @JsonProperty("tool-latency") DistSpec toolLatency,
        @JsonProperty("max-tokens") Integer maxTokens,
        @JsonProperty("tool") String tool,
        @JsonProperty("turns") DistSpec turns,
        @JsonProperty("think-time") DistSpec thinkTime,
        @JsonProperty("fanout") DistSpec fanout,
        @JsonProperty("worker-prompt") DistSpec workerPrompt,
        @JsonProperty("worker-output") DistSpec workerOutput,
        @JsonProperty("recall") Integer recall,
        @JsonProperty("team-size") Integer teamSize,
        @JsonProperty("page-out") String pageOut,
        @JsonProperty("summary-tokens") Integer summaryTokens) {

    /** Known program kinds. */
    public static final List<String> KINDS = List.of("react", "chat", "plan-execute", "multi-turn", "react-memory",
            "shared-memory");
    /** Values of {@code page-out}. */
    public static final List<String> PAGE_OUTS = List.of("fail", "truncate", "summarise");

    /** A program without the memory and page-out options. */
    public ProgramSpec(String kind, DistSpec rounds, DistSpec systemPrompt, DistSpec stepPrompt, DistSpec output,
                       DistSpec toolLatency, Integer maxTokens, String tool, DistSpec turns, DistSpec thinkTime,
                       DistSpec fanout, DistSpec workerPrompt, DistSpec workerOutput) {
        this(kind, rounds, systemPrompt, stepPrompt, output, toolLatency, maxTokens, tool, turns, thinkTime, fanout,
                workerPrompt, workerOutput, null, null, null, null);
    }

    /** react-memory's recall, 3 when absent. */
    public int recallOrDefault() {
        return recall == null ? 3 : recall;
    }

    /** shared-memory's team size, 4 when absent. */
    public int teamSizeOrDefault() {
        return teamSize == null ? 4 : teamSize;
    }

    /** page-out, fail when absent. */
    public String pageOutOrDefault() {
        return pageOut == null ? "fail" : pageOut;
    }

    /** summary-tokens, 512 when absent. */
    public int summaryTokensOrDefault() {
        return summaryTokens == null ? 512 : summaryTokens;
    }

    /** A ReAct program. */
    public static ProgramSpec react(DistSpec rounds, DistSpec systemPrompt, DistSpec stepPrompt, DistSpec output,
                                    DistSpec toolLatency) {
        return new ProgramSpec("react", rounds, systemPrompt, stepPrompt, output, toolLatency, null, null,
                null, null, null, null, null);
    }

    /** A single-call chat program. */
    public static ProgramSpec chat(DistSpec prompt, DistSpec output) {
        return new ProgramSpec("chat", null, null, prompt, output, null, null, null, null, null, null, null, null);
    }

    /** A plan-and-execute program without parallel tool calls; {@code rounds} and {@code workerOutput} may be null. */
    public static ProgramSpec planExecute(DistSpec rounds, DistSpec systemPrompt, DistSpec task, DistSpec output,
                                          DistSpec fanout, DistSpec workerPrompt, DistSpec workerOutput) {
        return new ProgramSpec("plan-execute", rounds, systemPrompt, task, output, null, null, null, null, null,
                fanout, workerPrompt, workerOutput);
    }

    /** A multi-turn chat program. */
    public static ProgramSpec multiTurn(DistSpec turns, DistSpec systemPrompt, DistSpec userPrompt, DistSpec output,
                                        DistSpec thinkTime) {
        return new ProgramSpec("multi-turn", null, systemPrompt, userPrompt, output, null, null, null, turns,
                thinkTime, null, null, null);
    }

    /** This program with a max-tokens cap (null for none). */
    public ProgramSpec withMaxTokens(Integer cap) {
        return new ProgramSpec(kind, rounds, systemPrompt, stepPrompt, output, toolLatency, cap, tool, turns,
                thinkTime, fanout, workerPrompt, workerOutput, recall, teamSize, pageOut, summaryTokens);
    }

    /** This program with parallel tool calls of the given latency and name (plan-execute). */
    public ProgramSpec withTools(DistSpec latency, String toolName) {
        return new ProgramSpec(kind, rounds, systemPrompt, stepPrompt, output, latency, maxTokens, toolName, turns,
                thinkTime, fanout, workerPrompt, workerOutput, recall, teamSize, pageOut, summaryTokens);
    }

    /** This program with a fan-out distribution (plan-execute; null for none). */
    public ProgramSpec withFanout(DistSpec k) {
        return new ProgramSpec(kind, rounds, systemPrompt, stepPrompt, output, toolLatency, maxTokens, tool, turns,
                thinkTime, k, workerPrompt, workerOutput, recall, teamSize, pageOut, summaryTokens);
    }

    /** This program with a turns distribution (multi-turn; null for none). */
    public ProgramSpec withTurns(DistSpec t) {
        return new ProgramSpec(kind, rounds, systemPrompt, stepPrompt, output, toolLatency, maxTokens, tool, t,
                thinkTime, fanout, workerPrompt, workerOutput, recall, teamSize, pageOut, summaryTokens);
    }

    /** The kind, {@code react} when absent. */
    public String kindOrDefault() {
        return kind == null ? "react" : kind;
    }

    /** The tool name, {@code tool} when absent. */
    public String toolOrDefault() {
        return tool == null ? "tool" : tool;
    }

    /** The max-tokens cap, 0 (none) when absent. */
    public int maxTokensOrDefault() {
        return maxTokens == null ? 0 : maxTokens;
    }

    /** Checks this part of a spec; messages start with {@code path}. */
    public void validate(String path) {
        String k = kindOrDefault();
        if (!KINDS.contains(k)) {
            throw new IllegalArgumentException(path + ".kind: expected one of " + String.join(", ", KINDS)
                    + ", got " + Spec.show(kind));
        }
        if (maxTokens != null && maxTokens < 0) {
            throw new IllegalArgumentException(path + ".max-tokens: expected an integer >= 0 (0 = none), got " + maxTokens);
        }
        if (systemPrompt == null && stepPrompt == null) {
            throw new IllegalArgumentException(path + ".step-prompt: expected a token distribution "
                    + "(step-prompt or system-prompt or both), got nothing");
        }
        if (systemPrompt != null) {
            systemPrompt.validate(path + ".system-prompt", DistSpec.Unit.TOKENS);
        }
        if (stepPrompt != null) {
            stepPrompt.validate(path + ".step-prompt", DistSpec.Unit.TOKENS);
        }
        required(path, "output", output).validate(path + ".output", DistSpec.Unit.TOKENS);
        String by = "by kind " + k;
        if (!PAGE_OUTS.contains(pageOutOrDefault())) {
            throw new IllegalArgumentException(path + ".page-out: expected one of " + String.join(", ", PAGE_OUTS)
                    + ", got " + Spec.show(pageOut));
        }
        if (!pageOutOrDefault().equals("summarise")) {
            Spec.unused(path, "summary-tokens", summaryTokens, "without page-out: summarise");
        } else {
            range(path + ".summary-tokens", summaryTokensOrDefault(), 1_000_000);
        }
        if (!k.equals("react-memory")) {
            Spec.unused(path, "recall", recall, by);
        } else {
            range(path + ".recall", recallOrDefault(), 1000);
        }
        if (!k.equals("shared-memory")) {
            Spec.unused(path, "team-size", teamSize, by);
        } else {
            range(path + ".team-size", teamSizeOrDefault(), 1_000_000);
        }
        if (!k.equals("multi-turn")) {
            Spec.unused(path, "turns", turns, by);
            Spec.unused(path, "think-time", thinkTime, by);
        }
        if (!k.equals("plan-execute")) {
            Spec.unused(path, "fanout", fanout, by);
            Spec.unused(path, "worker-prompt", workerPrompt, by);
            Spec.unused(path, "worker-output", workerOutput, by);
        }
        switch (k) {
            case "react", "react-memory", "shared-memory" -> {
                required(path, "rounds", rounds).validate(path + ".rounds", DistSpec.Unit.COUNT);
                required(path, "tool-latency", toolLatency).validate(path + ".tool-latency", DistSpec.Unit.DURATION);
            }
            case "chat" -> {
                Spec.unused(path, "rounds", rounds, by);
                Spec.unused(path, "tool-latency", toolLatency, by);
                Spec.unused(path, "tool", tool, by);
            }
            case "plan-execute" -> {
                if (rounds != null) {
                    rounds.validate(path + ".rounds", DistSpec.Unit.COUNT);
                }
                required(path, "fanout", fanout).validate(path + ".fanout", DistSpec.Unit.COUNT);
                if (workerPrompt != null) {
                    workerPrompt.validate(path + ".worker-prompt", DistSpec.Unit.TOKENS);
                }
                if (workerOutput != null) {
                    workerOutput.validate(path + ".worker-output", DistSpec.Unit.TOKENS);
                }
                if (toolLatency != null) {
                    toolLatency.validate(path + ".tool-latency", DistSpec.Unit.DURATION);
                } else {
                    Spec.unused(path, "tool", tool, "by kind plan-execute without tool-latency");
                }
            }
            default -> {
                Spec.unused(path, "rounds", rounds, by + " (use turns)");
                Spec.unused(path, "tool-latency", toolLatency, by + " (use think-time)");
                Spec.unused(path, "tool", tool, by + " (think time is a tool call named 'user')");
                required(path, "turns", turns).validate(path + ".turns", DistSpec.Unit.COUNT);
                required(path, "think-time", thinkTime).validate(path + ".think-time", DistSpec.Unit.DURATION);
            }
        }
    }

    private static void range(String path, int v, int max) {
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(path + ": expected an integer from 1 to " + max + ", got " + v);
        }
    }

    private static DistSpec required(String path, String field, DistSpec d) {
        if (d == null) {
            throw new IllegalArgumentException(path + "." + field + ": expected a distribution {dist: "
                    + String.join(" | ", DistSpec.DISTS) + ", ...}, got nothing");
        }
        return d;
    }
}
