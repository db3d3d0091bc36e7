package dev.aiosim.cli.cluster;

import dev.aiosim.cli.run.Experiment;
import java.io.Serializable;

/**
 * What a worker sends back for a run: the rendered run, or why it failed. A run's own failure
 * travels as a value, so that an exception from Hazelcast always means the member was lost and
 * the run can be sent again.
 *
 * @param finished the run, or null
 * @param userError a one-line user error (a trace missing on the worker), or null
 * @param failure a bug's description with its stack, or null
 */
record TaskOutcome(Experiment.Finished finished, String userError, String failure) implements Serializable {
}
