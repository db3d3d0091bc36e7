package dev.aiosim.cli.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The report's axis labels and SVG clean-up. */
class ChartsTest {
    @ParameterizedTest
    @CsvSource({"73, 10", "3, 0.5", "8, 1", "1000, 200", "0.04, 0.005", "16, 2"})
    void stepsAreRoundAndCutTheRangeIntoAtMostEightParts(double range, double step) {
        assertThat(Charts.step(range)).isCloseTo(step, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(range / Charts.step(range)).isLessThanOrEqualTo(8);
    }

    @Test
    void labelsAppearOnlyAtMultiplesOfTheStep() {
        Function<Double, String> f = Charts.labelsEvery(10);
        assertThat(f.apply(0.0)).isEqualTo("0");
        assertThat(f.apply(30.0)).isEqualTo("30");
        assertThat(f.apply(33.0)).isEmpty();
        Function<Double, String> half = Charts.labelsEvery(0.5);
        assertThat(half.apply(1.5)).isEqualTo("1.5");
        assertThat(half.apply(1.25)).isEmpty();
        assertThat(half.apply(2.0)).isEqualTo("2");
    }

    @Test
    void inlineSvgLosesPrologAndAddressesAndGetsPageUniqueIds() {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                + "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" height=\"10px\" xmlns=\"http://www.w3.org/2000/svg\">"
                + "<clipPath id=\"clip876772596\"><rect x=\"60.142578125\"/></clipPath>"
                + "<g clip-path=\"url(#clip876772596)\"><use xlink:href=\"#clip-55\"/></g><g clip-path=\"url(#clip-55)\"/></svg>";
        assertThat(ChartSvg.clean(doc, "c3")).isEqualTo("<svg height=\"10px\"><clipPath id=\"c3-0\"><rect x=\"60.1\"/></clipPath>"
                + "<g clip-path=\"url(#c3-0)\"><use href=\"#c3-1\"/></g><g clip-path=\"url(#c3-1)\"/></svg>");
    }
}
