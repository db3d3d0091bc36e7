package dev.aiosim.kernel.scheduler;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything aiosim knows about a policy without building one, declared once by its
 * {@link SchedulerProvider}: the name specs and reports use, a description, the parameters it
 * accepts, and whether it reads true output lengths. {@link Scheduler#name()} and
 * {@link Scheduler#clairvoyant()} follow from it, {@code aiosim policies} lists it, and the
 * registry-driven tests run every policy with its parameters' sample values.
 *
 * @param name the name used in specs and on the command line, e.g. {@code fifo}
 * @param description one line for listings
 * @param parameters the parameters accepted, in listing order; anything else is an error
 * @param clairvoyant whether the policy reads true output lengths (an oracle, labelled so in every report)
 */
public record PolicyInfo(String name, String description, List<PolicyParameter> parameters, boolean clairvoyant) {
    public PolicyInfo {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("expected a policy name of lower-case letters, digits and '-', got '"
                    + name + "'");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("policy '" + name + "' needs a description");
        }
        parameters = List.copyOf(parameters);
        if (parameters.stream().map(PolicyParameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("policy '" + name + "' declares a parameter twice: "
                    + parameters.stream().map(PolicyParameter::name).toList());
        }
    }

    /** A non-clairvoyant policy. */
    public static PolicyInfo of(String name, String description, PolicyParameter... parameters) {
        return new PolicyInfo(name, description, List.of(parameters), false);
    }

    /** The declared parameter of this name, if any. */
    public Optional<PolicyParameter> parameter(String key) {
        return parameters.stream().filter(p -> p.name().equals(key)).findFirst();
    }

    /** The parameter names, comma-separated in declaration order, or {@code none}. */
    public String parameterNames() {
        return parameters.isEmpty() ? "none" : parameters.stream().map(PolicyParameter::name).collect(Collectors.joining(", "));
    }
}
