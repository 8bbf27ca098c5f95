package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.ValidatedQuery;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DocumentedQueries;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ShopFixture;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query of docs/query-ir.md is valid for the demo model and runs over random demo data. */
class DocumentedQueriesTest {

    static Stream<String> documented() {
        return DocumentedQueries.all().stream();
    }

    @ParameterizedTest
    @MethodSource("documented")
    void isValidAndRuns(String json) {
        ValidatedQuery query = Demo.validator().acceptJson(json);
        Map<String, List<Row>> data = RandomDataset.generate(Demo.model(),
                new RandomValues(Demo.model(), new Random(json.hashCode()), ShopFixture.TODAY), 20);
        QueryEngine engine = QueryEngine.builder(Demo.model()).sources(RandomDataset.sources(Demo.model(), data))
                .clock(ShopFixture.CLOCK).build();
        assertThat(engine.execute(query).columns()).isNotEmpty();
    }
}
