package dev.aiosim.inference.live;

import java.util.Arrays;
import java.util.List;

/**
 * One worker's {@link StepRecord}s as a growable array of longs (14 per step, 112 bytes),
 * so that a run of 10^5 steps costs a few MB and no object per step while it runs. Written by
 * its worker only; read once the worker has stopped.
 */
final class StepLog {
    private static final int FIELDS = 14;

    private final int engine;
    private long[] data = new long[FIELDS * 256];
    private int size;

    StepLog(int engine) {
        this.engine = engine;
    }

    void add(long startNanos, long opsNanos, long forwardNanos, long cpuNanos, long modelNanos, long prefillTokens,
             long prefillPairs, long decodeCalls, long decodeContextTokens, long samplingCalls, long swapOutBytes,
             long swapInBytes, long gapNanos) {
        int at = size * FIELDS;
        if (at + FIELDS > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[at] = size;
        data[at + 1] = startNanos;
        data[at + 2] = opsNanos;
        data[at + 3] = forwardNanos;
        data[at + 4] = cpuNanos;
        data[at + 5] = modelNanos;
        data[at + 6] = prefillTokens;
        data[at + 7] = prefillPairs;
        data[at + 8] = decodeCalls;
        data[at + 9] = decodeContextTokens;
        data[at + 10] = samplingCalls;
        data[at + 11] = swapOutBytes;
        data[at + 12] = swapInBytes;
        data[at + 13] = gapNanos;
        size++;
    }

    int size() {
        return size;
    }

    /** Adds the records to {@code out}, in step order. */
    void into(List<StepRecord> out) {
        for (int i = 0; i < size; i++) {
            int at = i * FIELDS;
            long[] d = data;
            out.add(new StepRecord(engine, d[at], d[at + 1], d[at + 2], d[at + 3], d[at + 4], d[at + 5], d[at + 6],
                    d[at + 7], d[at + 8], d[at + 9], d[at + 10], d[at + 11], d[at + 12], d[at + 13]));
        }
    }
}
