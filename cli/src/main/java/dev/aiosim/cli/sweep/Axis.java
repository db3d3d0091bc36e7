package dev.aiosim.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One key of a sweep's grid and the values it takes, in order.
 *
 * @param key the spec key, as {@code --set} takes it ({@code workload.arrivals.rate})
 * @param values the values, as YAML nodes (file paths already absolute)
 * @param origins how messages name each value ({@code spec.yaml: sweep.cluster.max-batch[1]},
 *     {@code --vary cluster.max-batch=16})
 */
public record Axis(String key, List<JsonNode> values, List<String> origins) {
    public Axis {
        values = List.copyOf(values);
        origins = List.copyOf(origins);
    }

    /** A value as {@code sweep.csv} and folder names show it: a scalar's text, else compact JSON. */
    public static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
