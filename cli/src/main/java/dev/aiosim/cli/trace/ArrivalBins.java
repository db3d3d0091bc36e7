package dev.aiosim.cli.trace;

import java.util.Arrays;

/**
 * Counts agents and LLM calls per time bin since the first arrival, in bounded memory whatever
 * the trace's span: bins start at 1 ms and widen along 1 ms, 10 ms, 100 ms, 1 s, 10 s, 1 min,
 * 10 min, 1 h, 10 h, ... (each a multiple of the last, so counts merge exactly) whenever more
 * than {@link #MAX_BINS} would be needed. Exists so {@code trace inspect} can print an arrival
 * rate table from one streaming pass, without knowing the span in advance.
 */
final class ArrivalBins {
    static final int MAX_BINS = 20_000;
    private static final long MS = 1_000_000L;

    private long width = MS;
    private long[] agents = new long[64];
    private long[] calls = new long[64];
    private int used;

    /** Records one agent arriving {@code offset} ns after the first, with {@code llmCalls} LLM calls. */
    void add(long offset, long llmCalls) {
        long bin = offset / width;
        while (bin >= MAX_BINS) {
            widen();
            bin = offset / width;
        }
        int b = (int) bin;
        if (b >= agents.length) {
            int n = Math.min(MAX_BINS, Math.max(b + 1, agents.length * 2));
            agents = Arrays.copyOf(agents, n);
            calls = Arrays.copyOf(calls, n);
        }
        agents[b]++;
        calls[b] += llmCalls;
        used = Math.max(used, b + 1);
    }

    private void widen() {
        long next = nextWidth(width);
        int factor = (int) (next / width);
        int n = (used + factor - 1) / factor;
        for (int i = 0; i < n; i++) {
            long a = 0;
            long c = 0;
            for (int j = i * factor; j < Math.min(used, (i + 1) * factor); j++) {
                a += agents[j];
                c += calls[j];
            }
            agents[i] = a;
            calls[i] = c;
        }
        Arrays.fill(agents, n, agents.length, 0);
        Arrays.fill(calls, n, calls.length, 0);
        used = n;
        width = next;
    }

    static long nextWidth(long w) {
        long s = 1_000 * MS;
        if (w == 10 * s) {
            return 60 * s;
        }
        if (w == 60 * s) {
            return 600 * s;
        }
        if (w == 600 * s) {
            return 3600 * s;
        }
        return Math.multiplyExact(w, 10);
    }

    /** Width of one bin in ns. */
    long width() {
        return width;
    }

    /** Bins used (the last one holds the latest arrival). */
    int used() {
        return used;
    }

    long agents(int bin) {
        return agents[bin];
    }

    long calls(int bin) {
        return calls[bin];
    }
}
