package dev.aiosim.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a paired difference is shown in a console cell. */
class PairedTableTest {
    @Test
    void differencesCarryTheirSign() {
        assertThat(PairedTable.signed("0.512")).isEqualTo("+0.512");
        assertThat(PairedTable.signed("-0.512")).isEqualTo("-0.512");
        assertThat(PairedTable.signed("-0.000")).isEqualTo("0.000"); // a tiny negative difference shows as none
        assertThat(PairedTable.signed("0")).isEqualTo("0");
        assertThat(PairedTable.signed("120.5")).isEqualTo("+120.5");
    }

    @Test
    void aCellMarksAnIntervalThatExcludesZero() {
        String pm = Cells.PLUS_MINUS;
        assertThat(PairedTable.cell(new Stats(3, 3, 1, 2.484), Cells::secs)).isEqualTo("+3.000 " + pm + " 2.484 *");
        assertThat(PairedTable.cell(new Stats(3, -1, 2, 4.5), Cells::secs)).isEqualTo("-1.000 " + pm + " 4.500  ");
        assertThat(PairedTable.cell(new Stats(1, -2, Double.NaN, Double.NaN), Cells::count)).isEqualTo("-2");
        assertThat(PairedTable.cell(new Stats(0, Double.NaN, Double.NaN, Double.NaN), Cells::secs)).isEqualTo("-");
    }
}
