package io.promoagent.schema.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A property test: the method takes one {@code long seed}, builds its random case from
 * {@code new java.util.Random(seed)} and runs once per seed, {@link #cases()} times.
 *
 * <p>The seeds are the same on every run (derived from the test's class and method name), so a build is
 * reproducible. A failure names its seed; {@code -Dproperty.seed=N} runs only that case (narrow it to one
 * test with {@code -Dtest='Class#method'}), and {@code -Dproperty.fresh=true} draws new seeds to explore
 * further than the fixed ones.
 *
 * <pre>{@code
 * @SeededProperty(cases = 500)
 * void aQueryReadsBackEqual(long seed) {
 *     Query q = RandomQuery.of(new Random(seed));
 *     assertThat(QueryJson.read(QueryJson.write(q))).isEqualTo(q);
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = SeedArguments.NAME_PREFIX + "{0}")
@ArgumentsSource(SeedArguments.class)
@ExtendWith(SeedReporter.class)
public @interface SeededProperty {

    /** How many random cases a run checks. */
    int cases();
}
