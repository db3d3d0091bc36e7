package dev.aiosim.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.process.LlmCall;
import dev.aiosim.kernel.process.MemoryCall;
import dev.aiosim.kernel.process.PageOut;
import org.junit.jupiter.api.Test;

/** Calls over the context window are failed, truncated or summarised with the sizes the Javadoc gives. */
class ContextWindowTest {
    final ContextWindow w = new ContextWindow(1000);

    @Test
    void aCallThatFitsIsLeftAlone() {
        assertThat(w.fit(new LlmCall(900, 100), PageOut.FAIL)).isNull();
        assertThat(new ContextWindow(0).fit(new LlmCall(1_000_000, 100), PageOut.FAIL)).isNull();
    }

    @Test
    void failSaysWhy() {
        ContextWindow.Fit f = w.fit(new LlmCall(950, 100), PageOut.FAIL);
        assertThat(f).isInstanceOf(ContextWindow.TooLong.class);
        assertThat(((ContextWindow.TooLong) f).reason()).contains("950 prompt + 100 output tokens exceed the 1000-token");
    }

    @Test
    void truncateKeepsTheNewestTokensThatFit() {
        ContextWindow.Fit f = w.fit(new LlmCall(1500, 200, 100), new PageOut(PageOut.Mode.TRUNCATE, 1));
        // max-tokens 100: 100 to generate, room 900
        assertThat(f).isEqualTo(new ContextWindow.Truncated(new LlmCall(900, 200, 100), 600));
    }

    @Test
    void summariseReadsTheOldestTokensWritesTheSummaryAndRunsOnTheRest() {
        ContextWindow.Fit f = w.fit(new LlmCall(1200, 100), new PageOut(PageOut.Mode.SUMMARISE, 50));
        // room = 900; x = 1200 - 900 + 50 = 350 oldest tokens summarised into 50
        assertThat(f).isEqualTo(new ContextWindow.Summarised(new LlmCall(350, 50),
                MemoryCall.own("write", ContextWindow.SUMMARY_ITEM, 200), new LlmCall(900, 100)));
    }

    @Test
    void whatCannotFitEvenSoFails() {
        assertThat(w.fit(new LlmCall(10, 1000), new PageOut(PageOut.Mode.TRUNCATE, 1)))
                .isInstanceOf(ContextWindow.TooLong.class);
        // room 900, x = 5000 - 900 + 50 = 4150 > window: one summary call cannot read it
        assertThat(w.fit(new LlmCall(5000, 100), new PageOut(PageOut.Mode.SUMMARISE, 50)))
                .isInstanceOf(ContextWindow.TooLong.class);
        assertThat(w.fit(new LlmCall(1200, 100), new PageOut(PageOut.Mode.SUMMARISE, 900)))
                .isInstanceOf(ContextWindow.TooLong.class);
    }
}
