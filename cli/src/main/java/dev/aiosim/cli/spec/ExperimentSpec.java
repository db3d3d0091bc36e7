package dev.aiosim.cli.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aiosim.workloads.WorkloadSpec;
import java.util.List;

/**
 * An experiment spec as written (DESIGN.md §8), bound from YAML; absent values are {@code null}
 * and get their defaults in {@link ResolvedSpec}. {@code spec.yaml} is written through this record
 * too ({@link ResolvedSpec#toTree}), in this order, leaving out absent values; {@code workload}
 * is always written (as a placeholder the resolved section replaces, keeping its place).
 *
 * @param name experiment name, used in the default results folder name
 * @param description free text for humans
 * @param seed first seed
 * @param repetitions number of seeds: {@code seed, seed+1, ...}
 * @param seeds an explicit seed list (wins over seed and repetitions; the resolved spec writes it)
 * @param cluster engines and resources
 * @param workload where the agents come from
 * @param schedulers policies to run, each with its parameters
 * @param slo service-level objectives for goodput
 * @param horizon stop time in virtual time
 * @param metrics what is recorded besides rows and summaries (the timeline's interval)
 * @param memory the memory manager (absent: memory calls keep their own latencies)
 * @param storage the storage manager (absent: storage calls keep their own latencies)
 * @param access who may reach whose memory and storage and call which tools (absent: only one's own)
 * @param faults fault injection (absent: none)
 * @param audit {@code on} writes the hash-chained audit trail {@code audit.jsonl} (absent: off)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSpec(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("seed") Long seed,
        @JsonProperty("repetitions") Integer repetitions,
        @JsonProperty("seeds") List<Long> seeds,
        @JsonProperty("cluster") ClusterSpec cluster,
        @JsonProperty("workload") @JsonInclude(JsonInclude.Include.ALWAYS) WorkloadSpec workload,
        @JsonProperty("schedulers") List<SchedulerSpec> schedulers,
        @JsonProperty("slo") SloSpec slo,
        @JsonProperty("horizon") DurationValue horizon,
        @JsonProperty("metrics") MetricsSpec metrics,
        @JsonProperty("memory") MemorySpec memory,
        @JsonProperty("storage") StorageSpec storage,
        @JsonProperty("access") List<AccessRuleSpec> access,
        @JsonProperty("faults") FaultsSpec faults,
        @JsonProperty("audit") AuditSwitch audit) {
}
