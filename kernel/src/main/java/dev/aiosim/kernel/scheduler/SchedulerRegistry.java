package dev.aiosim.kernel.scheduler;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds policies by name; an unknown name is an error that lists the known ones. */
public final class SchedulerRegistry {
    private final Map<String, SchedulerProvider> providers;

    private SchedulerRegistry(Map<String, SchedulerProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /** All providers visible to this class loader. */
    public static SchedulerRegistry load() {
        return load(SchedulerRegistry.class.getClassLoader());
    }

    /**
     * All providers visible to {@code loader}, e.g. a loader over plug-in jars whose parent sees the
     * built-in policies: both are found, and a plug-in policy named like a built-in one is an error.
     */
    public static SchedulerRegistry load(ClassLoader loader) {
        return of(ServiceLoader.load(SchedulerProvider.class, loader));
    }

    /** These providers; two with the same policy name are an error naming both classes. */
    public static SchedulerRegistry of(Iterable<? extends SchedulerProvider> found) {
        Map<String, SchedulerProvider> map = new TreeMap<>();
        for (SchedulerProvider p : found) {
            String name = p.info().name();
            SchedulerProvider old = map.put(name, p);
            if (old != null) {
                throw new IllegalStateException("two policies named '" + name + "': "
                        + old.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new SchedulerRegistry(map);
    }

    /** The providers by policy name, in name order. */
    public Map<String, SchedulerProvider> providers() {
        return providers;
    }

    /** Every registered policy's declaration, in name order; nothing is built. */
    public List<PolicyInfo> policies() {
        return providers.values().stream().map(SchedulerProvider::info).toList();
    }

    /** The provider of this policy; an unknown name is an error listing the known ones. */
    public SchedulerProvider get(String name) {
        SchedulerProvider p = providers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'; known policies: "
                    + String.join(", ", providers.keySet()));
        }
        return p;
    }

    /** Validates parameter names against the provider and binds them. */
    public SchedulerFactory factory(String name, Map<String, String> params) {
        SchedulerProvider p = get(name);
        PolicyInfo info = p.info();
        for (String key : params.keySet()) {
            if (info.parameter(key).isEmpty()) {
                throw new IllegalArgumentException("policy '" + name + "' has no parameter '" + key
                        + "'; it accepts: " + info.parameterNames());
            }
        }
        return p.factory(params);
    }
}
