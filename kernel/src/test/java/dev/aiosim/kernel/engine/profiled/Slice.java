package dev.aiosim.kernel.engine.profiled;

import dev.aiosim.kernel.engine.StepShape;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed slice of Vidur's Llama-3-8B / A100 tables, and step shapes built the kernel's way. */
final class Slice {
    private Slice() {
    }

    static Path dir() {
        try {
            return Path.of(Slice.class.getResource("/dev/aiosim/kernel/engine/profiled/a100/llama-3-8b").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One fresh prompt of {@code n} tokens, nothing else. */
    static StepShape prefill(long n) {
        return new StepShape(n, n * (n + 1) / 2, 0, 0);
    }

    /** {@code batch} decoding calls over {@code contextPerCall} tokens each. */
    static StepShape decode(int batch, long contextPerCall) {
        return new StepShape(0, 0, batch, batch * contextPerCall);
    }
}
