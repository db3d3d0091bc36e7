package dev.aiosim.cli.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.fault.FaultPlan;
import dev.aiosim.kernel.metrics.Slo;
import dev.aiosim.kernel.scheduler.SchedulerFactory;
import dev.aiosim.kernel.scheduler.SchedulerRegistry;
import dev.aiosim.workloads.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment spec with every default filled in, every name looked up and every value checked:
 * what a run needs, and what {@code spec.yaml} records so the run can be repeated exactly.
 *
 * @param name experiment name
 * @param description free text, may be null
 * @param seeds the seeds, one run per policy and seed
 * @param cluster the cluster
 * @param workload the workload section, validated
 * @param workloadTree the workload section as written back (paths absolute)
 * @param policies the policies in spec order
 * @param slo objectives as written (fields may be null)
 * @param horizon stop time, or null for none
 * @param baseDir folder relative paths were resolved against
 * @param source how messages name the spec (file path, or a bundled name)
 * @param metrics the {@code metrics} section as written, or null (defaults)
 * @param services the memory, storage and access sections and the model's context window
 * @param faults the faults section with its defaults, or null for none
 * @param faultPlan the faults in kernel units, or null for none
 * @param audit whether the audit trail is written
 */
public record ResolvedSpec(String name, String description, List<Long> seeds, ResolvedCluster cluster,
                           WorkloadSpec workload, JsonNode workloadTree, List<PolicyEntry> policies, SloSpec slo,
                           DurationValue horizon, Path baseDir, String source, MetricsSpec metrics,
                           ResolvedServices services, FaultsSpec faults, FaultPlan faultPlan, boolean audit) {
    private static final int MAX_REPETITIONS = 100_000;

    /** Resolves a bound spec; throws {@link FieldError} naming the first bad field. */
    static ResolvedSpec resolve(ExperimentSpec s, JsonNode workloadTree, SchedulerRegistry registry, Path baseDir,
                                String defaultName, String source) {
        String name = s.name() == null || s.name().isBlank() ? defaultName : s.name().trim();
        if (!name.matches("[A-Za-z0-9._+-]+")) {
            throw new FieldError("name", "expected letters, digits and . _ + - only (it names the results folder), got '" + name + "'");
        }
        List<Long> seeds = seeds(s);
        ResolvedCluster cluster = ResolvedCluster.resolve(s.cluster());
        if (s.workload() == null) {
            throw new FieldError("workload", "expected a workload: a generator (agents, arrivals, program) or a trace");
        }
        try {
            s.workload().validate("workload");
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "invalid" : e.getMessage();
            int colon = msg.indexOf(": ");
            if (msg.startsWith("workload") && colon > 0) {
                throw new FieldError(msg.substring(0, colon), msg.substring(colon + 2));
            }
            throw new FieldError("workload", msg);
        }
        List<PolicyEntry> policies = policies(s.schedulers(), registry);
        if (s.horizon() != null && s.horizon().nanos() <= 0) {
            throw new FieldError("horizon", "expected a duration > 0, got " + s.horizon());
        }
        ResolvedServices services = ResolvedServices.resolve(s.memory(), s.storage(), s.access(),
                cluster.contextWindowTokens());
        FaultPlan plan = s.faults() == null ? null : s.faults().resolve(cluster.engines());
        return new ResolvedSpec(name, s.description(), seeds, cluster, s.workload(), workloadTree, policies, s.slo(),
                s.horizon(), baseDir, source, s.metrics(), services, plan == null ? null : s.faults().written(plan), plan,
                s.audit() != null && s.audit().on());
    }

    private static List<Long> seeds(ExperimentSpec s) {
        if (s.seeds() != null) {
            if (s.seeds().isEmpty()) {
                throw new FieldError("seeds", "expected at least one seed");
            }
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < s.seeds().size(); i++) {
                Long x = s.seeds().get(i);
                if (x == null) {
                    throw new FieldError("seeds[" + i + "]", "expected an integer, got nothing");
                }
                if (!seen.add(x)) {
                    throw new FieldError("seeds[" + i + "]", "seed " + x + " appears twice");
                }
            }
            if (s.seed() != null && !s.seed().equals(s.seeds().get(0))) {
                throw new FieldError("seed", "expected " + s.seeds().get(0) + ", the first of seeds (or remove one of seed and seeds), got " + s.seed());
            }
            if (s.repetitions() != null && s.repetitions() != s.seeds().size()) {
                throw new FieldError("repetitions", "expected " + s.seeds().size() + ", the number of seeds (or remove one of repetitions and seeds), got " + s.repetitions());
            }
            return List.copyOf(s.seeds());
        }
        long seed = s.seed() == null ? 1 : s.seed();
        int reps = s.repetitions() == null ? 1 : s.repetitions();
        if (reps < 1 || reps > MAX_REPETITIONS) {
            throw new FieldError("repetitions", "expected an integer from 1 to " + MAX_REPETITIONS + ", got " + reps);
        }
        if (seed > Long.MAX_VALUE - (reps - 1)) {
            throw new FieldError("seed", "expected a seed of at most " + (Long.MAX_VALUE - (reps - 1)) + " with " + reps
                    + " repetitions (the seeds are seed, seed+1, ..., which must not pass " + Long.MAX_VALUE + "), got " + seed);
        }
        List<Long> seeds = new ArrayList<>(reps);
        for (int i = 0; i < reps; i++) {
            seeds.add(seed + i);
        }
        return List.copyOf(seeds);
    }

    private static List<PolicyEntry> policies(List<SchedulerSpec> specs, SchedulerRegistry registry) {
        if (specs == null) {
            specs = List.of(SchedulerSpec.of(JsonNodeFactory.instance.textNode("fifo")));
        }
        if (specs.isEmpty()) {
            throw new FieldError("schedulers", "expected at least one policy, e.g. [fifo, {name: rr, quantum: 64}]");
        }
        List<PolicyEntry> out = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            SchedulerSpec sp = specs.get(i);
            String at = "schedulers[" + i + "]";
            if (sp == null) {
                throw new FieldError(at, "expected a policy name or {name: ..., params}, got nothing");
            }
            if (!registry.providers().containsKey(sp.name())) {
                throw new FieldError(at + ".name", "unknown policy '" + sp.name() + "'; known policies: "
                        + String.join(", ", registry.providers().keySet()));
            }
            SchedulerFactory factory;
            boolean clairvoyant;
            try {
                factory = registry.factory(sp.name(), Map.copyOf(sp.params()));
                clairvoyant = registry.get(sp.name()).clairvoyant(Map.copyOf(sp.params()));
            } catch (IllegalArgumentException e) {
                throw new FieldError(paramPath(at, sp, e.getMessage()), e.getMessage());
            }
            String label = sp.displayName();
            if (!label.matches("[^\\s,\"]+")) {
                throw new FieldError(at + ".label", "expected no spaces, commas or quotes, got '" + label + "'");
            }
            if (!labels.add(label)) {
                throw new FieldError(at, "policy '" + label + "' is listed twice; give one a different 'label'");
            }
            out.add(new PolicyEntry(sp, label, factory, clairvoyant));
        }
        return List.copyOf(out);
    }

    private static String paramPath(String at, SchedulerSpec sp, String message) {
        for (String key : sp.params().keySet()) {
            if (message != null && message.contains("'" + key + "'")) {
                return at + "." + key;
            }
        }
        return at;
    }

    /** This spec with other seeds (one run per policy and seed); {@code spec.yaml} then writes these. */
    public ResolvedSpec withSeeds(List<Long> newSeeds) {
        if (newSeeds.isEmpty()) {
            throw new IllegalArgumentException("expected at least one seed");
        }
        return new ResolvedSpec(name, description, List.copyOf(newSeeds), cluster, workload, workloadTree, policies, slo,
                horizon, baseDir, source, metrics, services, faults, faultPlan, audit);
    }

    /** The kernel's configuration: the cluster and the agent-OS services. */
    public dev.aiosim.kernel.core.KernelConfig kernelConfig() {
        return cluster.kernelConfig().withOs(services.osConfig());
    }

    /** The kernel's SLO. */
    public Slo kernelSlo() {
        if (slo == null) {
            return Slo.NONE;
        }
        return new Slo(nanos(slo.ttft()), nanos(slo.tbt()), nanos(slo.e2e()));
    }

    private static long nanos(DurationValue d) {
        return d == null ? 0 : d.nanos();
    }

    /** How often the timeline samples the engines, in virtual nanoseconds; 0 for off. */
    public long timelineIntervalNanos() {
        return (metrics == null ? TimelineInterval.DEFAULT : metrics.timeline()).nanos();
    }

    /** The horizon in nanoseconds, {@link Long#MAX_VALUE} for none. */
    public long horizonNanos() {
        return horizon == null ? Long.MAX_VALUE : horizon.nanos();
    }

    /**
     * The spec as {@code spec.yaml} writes it: every default explicit, kv-tokens and seeds
     * resolved, paths relative to {@code dir} (the folder the file will be written in).
     */
    public ObjectNode toTree(Path dir) {
        ExperimentSpec written = new ExperimentSpec(name, description, seeds.get(0), seeds.size(), seeds, cluster.written(),
                null, policies.stream().map(PolicyEntry::spec).toList(), slo == null || slo.isEmpty() ? null : slo, horizon,
                metrics == null || metrics.timelineInterval() == null ? null : metrics,
                services.memory(), services.storage(), services.access(),
                faults, audit ? new AuditSwitch(true) : null);
        ObjectNode root = Yaml.MAPPER.valueToTree(written);
        root.replace("workload", workloadTree.deepCopy()); // the section as given, in its place
        PathFields.relativize(root, dir);
        return root;
    }
}
