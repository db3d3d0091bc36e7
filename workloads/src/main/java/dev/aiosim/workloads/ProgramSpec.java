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
 * <p>An agent whose call the kernel rejects (e.g. a prompt larger than any KV pool) ends there.
 *
 * @param kind {@code react} (default) or {@code chat}
 * @param rounds react: number of rounds, integers >= 1
 * @param systemPrompt tokens in the first prompt (optional, counts as 0 when absent)
 * @param stepPrompt new prompt tokens each round (optional, counts as 0 when absent)
 * @param output LLM output tokens per call
 * @param toolLatency react: how long each tool call takes (durations like 250ms, 1.5s, 2m, or seconds)
 * @param maxTokens cap on generated tokens per call, 0 or absent for none
 * @param tool name given to tool calls, {@code tool} by default
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
        @JsonProperty("tool") String tool) {

    /** Known program kinds. */
    public static final List<String> KINDS = List.of("react", "chat");

    /** A ReAct program. */
    public static ProgramSpec react(DistSpec rounds, DistSpec systemPrompt, DistSpec stepPrompt, DistSpec output,
                                    DistSpec toolLatency) {
        return new ProgramSpec("react", rounds, systemPrompt, stepPrompt, output, toolLatency, null, null);
    }

    /** A single-call chat program. */
    public static ProgramSpec chat(DistSpec prompt, DistSpec output) {
        return new ProgramSpec("chat", null, null, prompt, output, null, null, null);
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
        if (k.equals("react")) {
            required(path, "rounds", rounds).validate(path + ".rounds", DistSpec.Unit.COUNT);
            required(path, "tool-latency", toolLatency).validate(path + ".tool-latency", DistSpec.Unit.DURATION);
        } else {
            Spec.unused(path, "rounds", rounds, "by kind chat");
            Spec.unused(path, "tool-latency", toolLatency, "by kind chat");
            Spec.unused(path, "tool", tool, "by kind chat");
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
