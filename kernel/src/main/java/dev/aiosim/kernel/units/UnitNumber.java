package dev.aiosim.kernel.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decimal number followed by an optional unit, as a size or a duration is written:
 * {@code 1.5GiB}, {@code 250 ms}, {@code .5s}, {@code 2e3us}, {@code 64}. The number has digits
 * with an optional fraction ({@code 5.}, {@code .5}) and an optional exponent, no sign; the unit
 * is a run of letters, possibly after spaces; whitespace around the whole is ignored. Exists so
 * that every unit parser reads the number the same way and scales it exactly, with overflow an
 * error rather than a wrapped or saturated value.
 *
 * @param number the number as written, exponent included
 * @param unit the unit as written, or null when there is none
 */
public record UnitNumber(String number, String unit) {
    private static final Pattern FORM = Pattern.compile(
            "\\s*((?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)\\s*(\\p{L}+)?\\s*");
    /** Beyond this many integer digits a value overflows a long whatever the unit (every unit is >= 1). */
    private static final int MAX_DIGITS = 20;
    /** Below 10^-MIN_DIGITS a value rounds to 0 whatever the unit (every unit is < 10^19). */
    private static final int MIN_DIGITS = 20;
    private static final int MAX_EXPONENT = 1_000_000;

    public UnitNumber {
        Objects.requireNonNull(number, "number");
    }

    /** The number and unit of {@code text}, or null when it is not a number with an optional unit. */
    public static UnitNumber parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        return m.matches() ? new UnitNumber(m.group(1), m.group(2)) : null;
    }

    /** The number as an exact decimal (an exponent beyond a million is cut to a million: the value is out of any range then). */
    public BigDecimal decimal() {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return new BigDecimal(number);
        }
        BigDecimal mantissa = new BigDecimal(number.substring(0, e));
        String exp = number.substring(e + 1);
        boolean negative = exp.startsWith("-");
        String digits = exp.replaceFirst("^[-+]", "").replaceFirst("^0+(?=.)", "");
        int n = digits.length() > 7 ? MAX_EXPONENT : Math.min(MAX_EXPONENT, Integer.parseInt(digits));
        return mantissa.scaleByPowerOfTen(negative ? -n : n);
    }

    /**
     * The number times {@code perUnit}, exactly, rounded half up to a whole number.
     *
     * @param perUnit how many of the result's unit one of the written unit is (>= 1)
     * @throws ArithmeticException when the result is more than {@link Long#MAX_VALUE}
     */
    public long times(long perUnit) {
        BigDecimal v = decimal();
        if (v.signum() == 0) {
            return 0;
        }
        int integerDigits = v.precision() - v.scale();
        if (integerDigits > MAX_DIGITS) {
            throw new ArithmeticException("out of range");
        }
        if (integerDigits < -MIN_DIGITS) {
            return 0;
        }
        return v.multiply(BigDecimal.valueOf(perUnit)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
