package io.promoagent.example.demo;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The distributions the generator draws from, built only on {@link RandomGenerator#nextDouble()} and
 * {@link RandomGenerator#nextInt(int)} and on {@link StrictMath}, so that the data is the same on every JVM.
 */
final class RandomDraws {
    private RandomDraws() {
    }

    /** An integer from {@code min} to {@code max}, both included. */
    static int between(RandomGenerator random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    static double between(RandomGenerator random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    static boolean chance(RandomGenerator random, double probability) {
        return random.nextDouble() < probability;
    }

    static <T> T pick(RandomGenerator random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The index of a weight, chosen with probability proportional to it. */
    static int weightedIndex(RandomGenerator random, double... weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            point -= weights[i];
            if (point < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A standard normal value by the Box–Muller transform. */
    static double gaussian(RandomGenerator random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** A log-normal value with the given median and shape. */
    static double logNormal(RandomGenerator random, double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian(random));
    }

    /** The numbers from 0 to {@code size - 1} in a random order (Fisher–Yates). */
    static int[] permutation(RandomGenerator random, int size) {
        int[] indexes = new int[size];
        for (int i = 0; i < size; i++) {
            indexes[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = indexes[i];
            indexes[i] = indexes[j];
            indexes[j] = swap;
        }
        return indexes;
    }
}
