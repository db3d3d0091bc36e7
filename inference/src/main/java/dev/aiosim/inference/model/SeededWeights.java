package dev.aiosim.inference.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Weights generated from a seed, so that a model exists without downloading anything and two
 * runs with the same seed compute the same numbers. Each tensor draws from its own generator,
 * seeded by the model seed and the tensor's name, so a tensor does not depend on the order in
 * which others are read. Linear weights and embeddings are uniform in +-1/sqrt(fan-in) (the
 * default initialisation of a PyTorch linear layer); norm weights are 1.
 */
public final class SeededWeights implements WeightSource {
    private final long seed;

    public SeededWeights(long seed) {
        this.seed = seed;
    }

    @Override
    public float[] tensor(String name, long... shape) {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor " + name + " has " + n + " elements, more than a Java array holds");
        }
        float[] a = new float[(int) n];
        if (name.endsWith("norm.weight")) {
            java.util.Arrays.fill(a, 1f);
            return a;
        }
        long fanIn = shape[shape.length - 1];
        float bound = (float) (1 / Math.sqrt(fanIn));
        SplittableRandom r = new SplittableRandom(seed ^ nameHash(name));
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }

    @Override
    public boolean has(String name) {
        return true;
    }

    /** FNV-1a over the UTF-8 name: stable across JVMs and versions. */
    private static long nameHash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
