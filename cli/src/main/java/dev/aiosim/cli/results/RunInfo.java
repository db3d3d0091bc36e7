package dev.aiosim.cli.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiosim.kernel.metrics.RunMetrics;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * {@code run.json}: the only result file with wall-clock facts. Version and commit of aiosim, the
 * command line, when it started, and per run and in total: wall time, events processed, events
 * per second and simulated seconds per wall second.
 */
public final class RunInfo {
    private final ObjectNode root;
    private final ArrayNode runs;
    private long wallNanos;
    private long events;
    private long simNanos;

    public RunInfo(String version, String commit, Boolean dirty, List<String> command, Instant started) {
        ObjectMapper json = new ObjectMapper();
        root = json.createObjectNode();
        root.put("aiosim_version", version);
        root.put("git_commit", commit);
        if (dirty != null) {
            root.put("git_dirty", dirty);
        }
        root.put("java_version", System.getProperty("java.version"));
        root.putPOJO("command", command);
        root.put("started_at", started.toString());
        runs = root.putArray("runs");
    }

    /**
     * Marks the file as a live run's: its dilation and whether it was stopped early (Ctrl-C), in
     * which case the results are what was gathered until then.
     */
    public void live(double dilation, boolean partial) {
        root.put("mode", "live");
        root.put("dilation", dilation);
        root.put("partial", partial);
    }

    /** A mapping of extra facts under {@code name} (e.g. a sweep's grid), created on first use. */
    public ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    /** Names the engines of a live run that were not emulated ({@code "engine": "djl"}) and the model they ran. */
    public void engine(String engine, String model) {
        root.put("engine", engine);
        root.put("model", model);
    }

    /** Adds a warning ({@code "warnings": [...]}): the results are complete but may not be what was meant. */
    public void warning(String text) {
        ArrayNode w = root.has("warnings") ? (ArrayNode) root.get("warnings") : root.putArray("warnings");
        w.add(text);
    }

    /**
     * Whether the folder is complete: {@code "complete": true}, or {@code "complete": false,
     * "partial": true} with {@code "partial_reason"} (stopped, failed, or not finished yet: the
     * first {@code run.json} of a folder says so until the last one replaces it).
     *
     * @param reason why the results are partial; null when complete
     */
    public void outcome(String reason) {
        root.put("complete", reason == null);
        root.put("partial", reason != null);
        if (reason == null) {
            root.remove("partial_reason");
        } else {
            root.put("partial_reason", reason);
        }
    }

    /** Adds one run's wall-clock figures, and whether it was cut before its end. */
    public void run(String policy, long seed, RunMetrics m, boolean partial) {
        run(policy, seed, m.wallNanos(), m.events(), m.makespanNanos(), partial);
    }

    /** Adds one run's wall-clock figures from its record. */
    public void run(RunRecord r) {
        run(r.policy(), r.seed(), r.wallNanos(), r.events(), r.makespanNanos(), r.partial());
    }

    private void run(String policy, long seed, long wall, long runEvents, long makespan, boolean partial) {
        ObjectNode r = runs.addObject();
        r.put("policy", policy);
        r.put("seed", seed);
        if (partial) {
            r.put("partial", true); // this run was cut before its end
        }
        r.put("wall_s", wall / 1e9);
        r.put("events", runEvents);
        r.put("events_per_s", wall == 0 ? 0 : runEvents * 1e9 / wall);
        r.put("sim_s", makespan / 1e9);
        r.put("sim_s_per_wall_s", wall == 0 ? 0 : makespan / (double) wall);
        wallNanos += wall;
        events += runEvents;
        simNanos += makespan;
    }

    /**
     * A mapping of extra facts under {@code name} in the latest run's entry of {@code "runs"}
     * (e.g. its real engines' figures), created on first use.
     *
     * @throws IllegalStateException before the first run was added
     */
    public ObjectNode lastRun(String name) {
        if (runs.isEmpty()) {
            throw new IllegalStateException("no run yet");
        }
        ObjectNode last = (ObjectNode) runs.get(runs.size() - 1);
        return last.has(name) ? (ObjectNode) last.get(name) : last.putObject(name);
    }

    /** Writes the file with totals; {@code totalWallNanos} is the whole invocation's wall time. */
    public void write(Writer out, long totalWallNanos) throws IOException {
        ObjectNode total = root.putObject("total");
        total.put("wall_s", totalWallNanos / 1e9);
        total.put("simulation_wall_s", wallNanos / 1e9);
        total.put("events", events);
        total.put("events_per_s", wallNanos == 0 ? 0 : events * 1e9 / wallNanos);
        total.put("sim_s", simNanos / 1e9);
        total.put("sim_s_per_wall_s", wallNanos == 0 ? 0 : simNanos / (double) wallNanos);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, root);
    }
}
