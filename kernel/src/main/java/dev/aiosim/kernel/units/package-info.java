/**
 * Quantities written with a unit in specs, policy parameters and options: the one reading of
 * "a decimal number, then an optional unit" ({@link dev.aiosim.kernel.units.UnitNumber}) and the
 * byte-size parser ({@link dev.aiosim.kernel.units.ByteSizes}); durations are read by
 * {@link dev.aiosim.kernel.time.Durations} on the same number.
 */
package dev.aiosim.kernel.units;
