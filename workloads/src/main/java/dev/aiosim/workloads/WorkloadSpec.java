package dev.aiosim.workloads;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiosim.workloads.replay.ReplayOptions;
import dev.aiosim.workloads.trace.OnBadRow;
import dev.aiosim.workloads.trace.TraceFormats;
import java.util.List;

/**
 * The {@code workload} section of an experiment spec: where a run's agents come from. It exists so
 * that the same YAML text always yields the same agents; it is bound by Jackson with explicit
 * kebab-case names (so a mapper's naming strategy does not matter) and written back unchanged
 * into a run's resolved {@code spec.yaml}.
 *
 * <p>Exactly one of two forms:
 * <ul>
 *   <li><b>generator</b>: {@code agents} (how many), {@code arrivals} (when; default all at once),
 *       {@code program} (what each agent does) and optional {@code priorities} (shares of agents
 *       at other priority levels; the rest run at priority 0);</li>
 *   <li><b>trace</b>: {@code trace} (a file, relative to the spec's folder), optional
 *       {@code format} (detected from the header when absent) and {@code on-bad-row}
 *       ({@code fail}, the default, or {@code skip}).</li>
 * </ul>
 * Priority shares: for N agents and shares s1, s2, ... exactly
 * {@code round((s1+..+sk)*N) - round((s1+..+s(k-1))*N)} agents get class k's priority, chosen
 * uniformly at random from the seed (not one independent draw per agent), so "20% at priority 1"
 * of 250 agents is exactly 50 agents.
 *
 * @param agents number of agents (generator form), >= 1
 * @param arrivals arrival process (generator form); null means all at once
 * @param program the program every generated agent runs
 * @param priorities optional shares of agents at other priority levels
 * @param trace trace file (trace form)
 * @param format trace format name, null to detect from the file's header
 * @param onBadRow {@code fail} (default) or {@code skip}, for trace rows that cannot be read
 * @param replay optional selection and time scale of a replayed trace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record WorkloadSpec(
        @JsonProperty("agents") Integer agents,
        @JsonProperty("arrivals") ArrivalSpec arrivals,
        @JsonProperty("program") ProgramSpec program,
        @JsonProperty("priorities") List<PriorityShare> priorities,
        @JsonProperty("trace") String trace,
        @JsonProperty("format") String format,
        @JsonProperty("on-bad-row") String onBadRow,
        @JsonProperty("replay") ReplaySpec replay) {

    /** A generated workload. */
    public static WorkloadSpec generator(int agents, ArrivalSpec arrivals, ProgramSpec program,
                                         List<PriorityShare> priorities) {
        return new WorkloadSpec(agents, arrivals, program, priorities, null, null, null, null);
    }

    /** A replayed trace; {@code format} may be null (detect), {@code onBadRow} null (fail). */
    public static WorkloadSpec trace(String file, String format, String onBadRow) {
        return new WorkloadSpec(null, null, null, null, file, format, onBadRow, null);
    }

    /** The replay options of the trace form, defaulting to the whole trace at its own pace. */
    public ReplayOptions replayOptions() {
        return replay == null ? ReplayOptions.NONE : replay.toOptions("workload.replay");
    }

    /** True for the trace form. */
    public boolean replaysTrace() {
        return trace != null;
    }

    /** The arrival process, defaulting to all at once. */
    public ArrivalSpec arrivalsOrDefault() {
        return arrivals == null ? ArrivalSpec.allAtOnce() : arrivals;
    }

    /** The bad-row policy, defaulting to fail. */
    public OnBadRow onBadRowOrDefault() {
        return onBadRow == null ? OnBadRow.FAIL : OnBadRow.parse(onBadRow);
    }

    /**
     * Checks the section without touching the file system (trace and empirical files are checked
     * when opened).
     *
     * @param path where this section sits in the spec, e.g. {@code "workload"}; prefixes messages
     * @throws IllegalArgumentException naming the first bad field's path, what was expected and
     *     what was found, e.g. {@code workload.arrivals.rate: expected a number > 0, got -1}
     */
    public void validate(String path) {
        if (trace != null) {
            if (trace.isBlank()) {
                throw new IllegalArgumentException(path + ".trace: expected a file path, got ''");
            }
            Spec.unused(path, "agents", agents, "with trace");
            Spec.unused(path, "arrivals", arrivals, "with trace");
            Spec.unused(path, "program", program, "with trace");
            Spec.unused(path, "priorities", priorities, "with trace");
            if (format != null && TraceFormats.byName(format).isEmpty()) {
                throw new IllegalArgumentException(path + ".format: expected one of "
                        + String.join(", ", TraceFormats.names()) + " (or none to detect), got '" + format + "'");
            }
            if (replay != null) {
                replay.toOptions(path + ".replay");
            }
            if (onBadRow != null) {
                try {
                    OnBadRow.parse(onBadRow);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ".on-bad-row: " + e.getMessage(), e);
                }
            }
            return;
        }
        Spec.unused(path, "format", format, "without trace");
        Spec.unused(path, "on-bad-row", onBadRow, "without trace");
        Spec.unused(path, "replay", replay, "without trace");
        if (agents == null && program == null) {
            throw new IllegalArgumentException(path + ": expected either 'trace' (a trace file) or 'agents' and 'program' (a generator)");
        }
        if (agents == null || agents < 1) {
            throw new IllegalArgumentException(path + ".agents: expected an integer >= 1, got " + Spec.show(agents));
        }
        if (program == null) {
            throw new IllegalArgumentException(path + ".program: expected a program (kind: react | chat | plan-execute | multi-turn, ...), got nothing");
        }
        if (arrivals != null) {
            arrivals.validate(path + ".arrivals");
        }
        program.validate(path + ".program");
        if (priorities != null) {
            double sum = 0;
            for (int i = 0; i < priorities.size(); i++) {
                PriorityShare p = priorities.get(i);
                String at = path + ".priorities[" + i + "]";
                if (p == null) {
                    throw new IllegalArgumentException(at + ": expected {share, priority}, got nothing");
                }
                p.validate(at);
                sum += p.share();
            }
            if (sum > 1 + 1e-9) {
                throw new IllegalArgumentException(path + ".priorities: expected shares summing to <= 1, got " + Spec.show(sum));
            }
        }
    }
}
