package dev.aiosim.kernel.scheduler;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds policies by name; an unknown name is an error that lists the known ones. */
public final class SchedulerRegistry {
    private final Map<String, SchedulerProvider> providers;

    private SchedulerRegistry(Map<String, SchedulerProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /** All providers visible to this class loader. */
    public static SchedulerRegistry load() {
        Map<String, SchedulerProvider> map = new TreeMap<>();
        for (SchedulerProvider p : ServiceLoader.load(SchedulerProvider.class, SchedulerRegistry.class.getClassLoader())) {
            SchedulerProvider old = map.put(p.name(), p);
            if (old != null) {
                throw new IllegalStateException("two policies named '" + p.name() + "': "
                        + old.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return new SchedulerRegistry(map);
    }

    public Map<String, SchedulerProvider> providers() {
        return providers;
    }

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
        for (String key : params.keySet()) {
            if (!p.parameters().contains(key)) {
                throw new IllegalArgumentException("policy '" + name + "' has no parameter '" + key
                        + "'; it accepts: " + (p.parameters().isEmpty() ? "none" : String.join(", ", new TreeSet<>(p.parameters()))));
            }
        }
        return p.factory(params);
    }
}
