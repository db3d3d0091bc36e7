package dev.aiosim.kernel.scheduler;

import java.util.List;

/**
 * One parameter a policy accepts, declared once in its {@link PolicyInfo}: the spec key, what it
 * means (shown by {@code aiosim policies}), and sample values that registry-driven tests run the
 * policy with, so that a new policy is tested with its parameters without any test list edited.
 *
 * @param name the key in a spec's scheduler entry, e.g. {@code quantum}
 * @param description one line: what the value means, its units and its default
 * @param samples one or more valid values, each exercising a different behaviour where there is one
 */
public record PolicyParameter(String name, String description, List<String> samples) {
    public PolicyParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a policy parameter needs a name");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("policy parameter '" + name + "' needs a description");
        }
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("policy parameter '" + name + "' needs at least one sample value");
        }
    }

    /** A parameter with the given sample values. */
    public static PolicyParameter of(String name, String description, String... samples) {
        return new PolicyParameter(name, description, List.of(samples));
    }
}
