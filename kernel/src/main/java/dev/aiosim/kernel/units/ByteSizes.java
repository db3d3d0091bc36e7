package dev.aiosim.kernel.units;

import java.util.Locale;

/**
 * Parses memory sizes: {@code 64GiB}, {@code 512MB}, {@code 4 KiB}, {@code 1.5GiB}, or a plain
 * number of bytes. Binary units ({@code KiB MiB GiB TiB}, also {@code Ki Mi Gi Ti}) are powers of
 * 1024, decimal ones ({@code kB MB GB TB}, also {@code k M G T}) powers of 1000, {@code B} is a
 * byte; units are not case-sensitive. The one size syntax of specs and options; fractions are
 * rounded half up to a whole byte, and a size beyond {@link Long#MAX_VALUE} bytes is an error.
 */
public final class ByteSizes {
    /** The start of every error message: what a size looks like. */
    public static final String EXPECTED = "expected a size like 64GiB, 512MB or a number of bytes";

    private ByteSizes() {}

    /**
     * Bytes in {@code text}.
     *
     * @throws IllegalArgumentException saying what was expected and what was given
     */
    public static long parse(String text) {
        UnitNumber n = UnitNumber.parse(text);
        if (n == null) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "'");
        }
        long per = n.unit() == null ? 1 : perUnit(n.unit());
        if (per < 0) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "' (unknown unit '" + n.unit() + "')");
        }
        try {
            return n.times(per);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(EXPECTED + ", got '" + text + "', which is out of range (more than "
                    + Long.MAX_VALUE + " bytes)");
        }
    }

    /** Bytes per {@code unit}, or -1 when it is not a size unit. */
    private static long perUnit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "b" -> 1L;
            case "k", "kb" -> 1_000L;
            case "m", "mb" -> 1_000_000L;
            case "g", "gb" -> 1_000_000_000L;
            case "t", "tb" -> 1_000_000_000_000L;
            case "ki", "kib" -> 1L << 10;
            case "mi", "mib" -> 1L << 20;
            case "gi", "gib" -> 1L << 30;
            case "ti", "tib" -> 1L << 40;
            default -> -1L;
        };
    }
}
