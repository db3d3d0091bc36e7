package dev.aiosim.kernel.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the live runtime's warnings go. Exists so that a warning every run of a many-run
 * invocation would raise (the same dilation, the same engines) is printed once, not once a run.
 */
public final class Warnings {
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    /** Prints each distinct message to stderr, the first time only (per JVM). */
    public static final Consumer<String> STDERR_ONCE = message -> {
        if (SAID.add(message)) {
            System.err.println(message);
            System.err.flush();
        }
    };

    private Warnings() {}
}
