package io.promoagent.schema.testing;

import java.lang.reflect.Method;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The seeds of a {@link SeededProperty}: fixed per test, one given by {@code -Dproperty.seed}, or fresh ones. */
public final class SeedArguments implements ArgumentsProvider, AnnotationConsumer<SeededProperty> {

    /** System property naming the one seed to run, to replay a failure. */
    public static final String SEED = "property.seed";
    /** System property that, when {@code true}, draws new seeds instead of the fixed ones. */
    public static final String FRESH = "property.fresh";

    static final String NAME_PREFIX = "seed ";

    private int cases;

    @Override
    public void accept(SeededProperty property) {
        if (property.cases() < 1) {
            throw new IllegalArgumentException("a property needs at least one case, not " + property.cases());
        }
        cases = property.cases();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return seeds(context.getRequiredTestMethod()).mapToObj(Arguments::of);
    }

    /** The seeds of one run of {@code test}. */
    LongStream seeds(Method test) {
        String replay = System.getProperty(SEED);
        if (replay != null && !replay.isBlank()) {
            return LongStream.of(Long.parseLong(replay.trim()));
        }
        long base = Boolean.getBoolean(FRESH)
                ? new Random().nextLong()
                // String.hashCode is specified, so the fixed seeds are the same on every JVM.
                : (test.getDeclaringClass().getName() + "#" + test.getName()).hashCode();
        Random seeds = new Random(base);
        return LongStream.generate(seeds::nextLong).limit(cases);
    }
}
