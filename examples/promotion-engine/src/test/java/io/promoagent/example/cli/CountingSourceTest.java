package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.jdbc.JdbcTables;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's counting source is transparent to the engine: a query through it takes the path it takes without
 * it (distinct key reads included), and the counts add up to what the engine reports.
 */
class CountingSourceTest {

    private static final LocalDate NOW = LocalDate.parse("2026-06-30");
    private static final Clock CLOCK = Clock.fixed(NOW.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theEngineReadsThroughItAsItReadsWithoutItDistinctKeysIncluded() throws Exception {
        DataModel model = FederatedBenchData.federated(DataModelYaml.loadResource(CountingSourceTest.class,
                "/io/promoagent/example/promotion-model.yaml"));
        DemoDataExporter.export(DemoDataGenerator.generate(7, 150, NOW), dir);
        InMemoryDataSource customers = inMemory(model, model.requireEntity("customers").source());
        InMemoryDataSource orders = inMemory(model, FederatedBenchData.POSTGRES);
        // customers with one of the five largest orders: both stores in memory weigh the same read units, so the
        // fewer records decide, and the few customer keys of those orders are read first, distinct
        BigDecimal fifthLargest = JdbcTables.rows(model.requireEntity("orders"), dir.resolve("orders.jsonl")).stream()
                .map(r -> new BigDecimal(r.valueOrNull("total").toString())).sorted(Comparator.reverseOrder())
                .skip(4).findFirst().orElseThrow();
        Query query = QueryJson.read("""
                {"entity": "customers", "where": {"type": "related", "via": "orders", "exists": true,
                  "where": {"type": "compare", "field": "total", "op": "gte", "value": %s}}}
                """.formatted(fifthLargest.toPlainString()));

        QueryResult direct = engine(model, customers, orders).execute(query);
        AtomicLong handedOut = new AtomicLong();
        CountingSource countedCustomers = CountingSource.over(customers, handedOut::incrementAndGet);
        CountingSource countedOrders = CountingSource.over(orders, handedOut::incrementAndGet);
        QueryResult counted = engine(model, countedCustomers, countedOrders).execute(query);

        assertThat(direct.explanations()).as("the query reads distinct keys without counting")
                .anySatisfy(e -> assertThat(e.notes()).anyMatch(n -> n.startsWith("distinct values of customer_id")));
        assertThat(countedOrders).isInstanceOf(DistinctKeySource.class);
        assertThat(countedCustomers).isInstanceOf(DistinctKeySource.class);
        assertThat(counted.explanations()).isEqualTo(direct.explanations());
        assertThat(counted.rows()).isNotEmpty().isEqualTo(direct.rows());
        assertThat(counted.stats()).isEqualTo(direct.stats());
        assertThat(countedCustomers.stats().plus(countedOrders.stats())).isEqualTo(counted.stats());
        assertThat(handedOut.get()).isEqualTo(counted.stats().itemsReturned());
    }

    private InMemoryDataSource inMemory(DataModel model, String source) {
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            if (e.source().equals(source)) {
                rows.put(e.name(), JdbcTables.rows(e, dir.resolve(e.name() + ".jsonl")));
            }
        }
        return new InMemoryDataSource(source, rows);
    }

    private static QueryEngine engine(DataModel model, DataSource customers, DataSource orders) {
        return QueryEngine.builder(model).source(customers).source(orders).clock(CLOCK).build();
    }
}
