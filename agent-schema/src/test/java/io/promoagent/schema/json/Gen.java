package io.promoagent.schema.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/** A generator of random values: what a property test's case is built from, one seeded Random per case. */
@FunctionalInterface
interface Gen<T> {

    T next(Random random);

    /** One of {@code values}, each as likely. */
    static <T> Gen<T> of(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        List<T> copy = List.copyOf(values);
        return r -> copy.get(r.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> list = new ArrayList<>(values.length);
        for (T value : values) { // a copy, not the varargs array itself: no heap pollution
            list.add(value);
        }
        return of(list);
    }

    /** A value of one of {@code choices}, each choice as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
        List<Gen<? extends T>> list = new ArrayList<>(choices.length);
        for (Gen<? extends T> choice : choices) {
            list.add(choice);
        }
        return oneOf(list);
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> choices) {
        List<Gen<? extends T>> copy = List.copyOf(choices);
        return r -> copy.get(r.nextInt(copy.size())).next(r);
    }

    static Gen<Integer> between(int min, int max) {
        return r -> min + r.nextInt(max - min + 1);
    }

    static Gen<Boolean> coin() {
        return Random::nextBoolean;
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        return r -> f.apply(next(r));
    }

    /** A list of {@code min} to {@code max} values, every size as likely (so the empty list comes often). */
    default Gen<List<T>> list(int min, int max) {
        return r -> {
            int size = min + r.nextInt(max - min + 1);
            List<T> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(next(r));
            }
            return out;
        };
    }

    /** A value with probability {@code presence}, else empty. */
    default Gen<Optional<T>> optional(double presence) {
        return r -> r.nextDouble() < presence ? Optional.of(next(r)) : Optional.empty();
    }

    /** A map of up to {@code max} entries with keys from this generator. */
    default <V> Gen<Map<T, V>> mapTo(Gen<V> values, int max) {
        return r -> {
            Map<T, V> out = new LinkedHashMap<>();
            int size = r.nextInt(max + 1);
            for (int i = 0; i < size; i++) {
                out.put(next(r), values.next(r));
            }
            return out;
        };
    }
}
