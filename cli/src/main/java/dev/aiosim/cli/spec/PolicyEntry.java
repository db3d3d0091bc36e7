package dev.aiosim.cli.spec;

import dev.aiosim.kernel.scheduler.SchedulerFactory;

/**
 * One policy of an experiment, bound and ready to run.
 *
 * @param spec the entry as written
 * @param label the name reports use (unique within the experiment)
 * @param factory makes one scheduler per engine
 * @param clairvoyant whether the policy reads true output lengths (an oracle)
 */
public record PolicyEntry(SchedulerSpec spec, String label, SchedulerFactory factory, boolean clairvoyant) {
    /** The label with {@code (oracle)} appended for clairvoyant policies, for consoles. */
    public String displayLabel() {
        return clairvoyant ? label + " (oracle)" : label;
    }
}
