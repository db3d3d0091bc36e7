package dev.aiosim.kernel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiosim.kernel.engine.StepShape;
import org.junit.jupiter.api.Test;

/** The step shape counts one sampling call per running call: each decode and each prefilled call, not recomputed blocks. */
class StepTallyTest {
    @Test
    void everyCallThatRunsSamplesOnce() {
        StepTally t = new StepTally().start(3, 300);
        t.prefill(100, 5050);            // a fresh prompt
        t.recompute(16, 16 * 40);        // a swap-in's evicted blocks...
        t.decode(40);                    // ...and its decode
        StepShape s = t.shape();
        assertThat(s.decodeTokens()).isEqualTo(4);
        assertThat(s.prefillTokens()).isEqualTo(116);
        assertThat(s.samplingCalls()).isEqualTo(5);
        assertThat(new StepTally().start(2, 10).shape().samplingCalls()).isEqualTo(2);
    }
}
