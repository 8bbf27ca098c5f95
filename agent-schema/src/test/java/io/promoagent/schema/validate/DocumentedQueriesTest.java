package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.ValidatedQuery;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ShopFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query of docs/query-ir.md is valid for the demo model and runs over random demo data. */
class DocumentedQueriesTest {

    static Stream<String> documented() throws IOException {
        String doc = Files.readString(Path.of("../docs/query-ir.md"));
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks.stream();
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
