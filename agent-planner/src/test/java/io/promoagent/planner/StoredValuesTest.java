package io.promoagent.planner;

import static io.promoagent.planner.Expect.read;
import static io.promoagent.planner.Expect.unsure;

import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Values written in capitals as they are stored ("shops from the UK") over a small model of shops and
 * sales with a look-up in its data: found in a text field, they are compared; not found, the request is
 * unsure. "sold by shops from ..." is who sold them, not a grouping by shop.
 */
class StoredValuesTest {

    private static final DataModel MODEL = DataModelYaml.parse("""
            sources:
              - {id: main, kind: memory}
            entities:
              - name: shops
                source: main
                synonyms: [shop, stores, store]
                key: {partition: shop_id}
                fields:
                  - {name: shop_id, type: string}
                  - {name: name, type: string}
                  - {name: country, type: string, description: Country the shop is in}
              - name: sales
                source: main
                synonyms: [sale]
                key: {partition: sale_id}
                fields:
                  - {name: sale_id, type: string}
                  - {name: shop_id, type: string}
                  - {name: amount, type: number, description: Amount in dollars}
                  - {name: sold_on, type: date, synonyms: [sold]}
            relationships:
              - {name: shop, from: sales.shop_id, to: shops.shop_id, cardinality: many_to_one, inverse: sales}
            """, "shops.yaml");

    private static final OfflinePlanner PLANNER = planner();

    private static OfflinePlanner planner() {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        rows.put("shops", List.of(shop("S1", "Corner Shop", "UK"), shop("S2", "Eckladen", "DE")));
        rows.put("sales", List.of(new Row(Map.of("sale_id", "X1", "shop_id", "S1", "amount", BigDecimal.TEN,
                "sold_on", "2026-06-01"))));
        QueryEngine engine = QueryEngine.builder(MODEL).source(new InMemoryDataSource("main", rows)).clock(Demo.CLOCK).build();
        return OfflinePlanner.builder(MODEL).resolver(ReferenceResolver.of(engine)).clock(Demo.CLOCK).build();
    }

    private static Row shop(String id, String name, String country) {
        return new Row(Map.of("shop_id", id, "name", name, "country", country));
    }

    @TestFactory
    Stream<DynamicTest> capitalsFoundInTheDataAreValues() {
        Related uk = new Related("shop", Optional.of(new Compare("country", Operator.EQ, List.of("UK"), true)),
                CountCondition.exists());
        Map<String, Expect> t = new LinkedHashMap<>();
        t.put("shops in the UK", read(Query.builder("shops")
                .where(new Compare("country", Operator.EQ, List.of("UK"), true)).build()));
        t.put("how many sales were made by shops from the UK", read(Query.builder("sales").where(uk)
                .aggregate(Aggregate.count()).build()));
        t.put("shops in the NL", unsure());
        t.put("how many sales were made by shops from the NL", unsure());
        return t.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> e.getValue().verify(PLANNER.plan(e.getKey()))));
    }
}
