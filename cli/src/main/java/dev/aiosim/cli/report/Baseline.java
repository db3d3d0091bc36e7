package dev.aiosim.cli.report;

import dev.aiosim.cli.spec.PolicyEntry;
import dev.aiosim.cli.spec.SpecException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which policy the paired differences are taken from: the spec's first, or the one
 * {@code --baseline} names, chosen before anything runs so that a wrong name costs nothing.
 */
public final class Baseline {
    private Baseline() {}

    /**
     * The policy labelled {@code label}, or else the only policy of that name (so {@code rr} finds
     * {@code rr(quantum=16)}); the first policy when {@code label} is null.
     *
     * @throws SpecException naming the labels there are, if none or several match
     */
    public static PolicyEntry choose(List<PolicyEntry> policies, String label) {
        if (label == null) {
            return policies.get(0);
        }
        if (label.isBlank()) {
            throw new SpecException("--baseline: expected a policy label, got '" + label + "'");
        }
        for (PolicyEntry p : policies) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        List<PolicyEntry> named = policies.stream().filter(p -> p.spec().name().equals(label)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new SpecException("--baseline " + label + ": " + named.size() + " policies are named '" + label
                    + "'; give one's label: " + labels(named));
        }
        throw new SpecException("--baseline " + label + ": not a policy of this run; expected one of: " + labels(policies));
    }

    private static String labels(List<PolicyEntry> policies) {
        return policies.stream().map(PolicyEntry::label).collect(Collectors.joining(", "));
    }
}
