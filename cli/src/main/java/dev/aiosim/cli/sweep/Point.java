package dev.aiosim.cli.sweep;

import dev.aiosim.cli.spec.SpecOverride;
import java.util.List;

/**
 * One point of a sweep's grid: a value per axis.
 *
 * @param index its position in the grid (first axis outermost)
 * @param values the value of each axis as text, in axis order
 * @param overrides what it sets in the spec, applied after the command's own overrides
 * @param folder the name of its sub-folder
 */
public record Point(int index, List<String> values, List<SpecOverride> overrides, String folder) {
    public Point {
        values = List.copyOf(values);
        overrides = List.copyOf(overrides);
    }
}
