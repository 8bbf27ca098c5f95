package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures how often the name meant is among the top three suggestions, over wrong names generated from
 * the demo data model.
 */
class SuggestionHitRateTest {

    @Test
    void ranksTheNameMeantInTheTopThreeForAtLeastNinetyPercentOfWrongNames() {
        List<Mutations.Case> cases = new Mutations(Demo.model(), 20260630L).all();
        Map<String, int[]> byCategory = new TreeMap<>();
        int n = 0;
        int hits = 0;
        int firsts = 0;
        StringBuilder misses = new StringBuilder();
        for (Mutations.Case c : cases) {
            List<QueryError> errors = Demo.validator().check(c.query());
            if (errors.isEmpty()) {
                continue; // the mutation happens to be valid (an accepted spelling), so it is no wrong name
            }
            Optional<QueryError> at = errors.stream().filter(e -> e.path().equals(c.path())).findFirst();
            boolean hit = at.isPresent() && at.get().suggestions().stream().limit(3).anyMatch(c.right()::equals);
            n++;
            hits += hit ? 1 : 0;
            firsts += at.isPresent() && at.get().suggestions().stream().findFirst().filter(c.right()::equals).isPresent() ? 1 : 0;
            int[] counts = byCategory.computeIfAbsent(c.category(), k -> new int[2]);
            counts[0] += hit ? 1 : 0;
            counts[1]++;
            if (!hit) {
                misses.append(String.format("  %-40s %-28s -> %-28s got %s%n", c.category(), c.wrong(), c.right(),
                        at.map(QueryError::suggestions).map(Object::toString).orElse(errors.toString())));
            }
        }
        double rate = (double) hits / n;
        System.out.printf("suggestion top-3 hit rate: %.3f (n=%d)%n", rate, n);
        System.out.printf("suggestion top-1 hit rate: %.3f (n=%d)%n", (double) firsts / n, n);
        byCategory.forEach((k, v) -> System.out.printf("  %-40s %.3f (n=%d)%n", k, (double) v[0] / v[1], v[1]));
        System.out.print("misses:\n" + misses);
        assertThat(n).isGreaterThanOrEqualTo(500);
        assertThat(rate).isGreaterThanOrEqualTo(0.90);
    }
}
