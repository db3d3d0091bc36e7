package dev.aiosim.workloads;

/** The {@code workload} section of an experiment spec, bound by Jackson (kebab-case names). */
public final class WorkloadSpec {
    // TODO: fields
}
