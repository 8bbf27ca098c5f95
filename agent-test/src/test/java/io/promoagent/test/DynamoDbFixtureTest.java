package io.promoagent.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.DemoShop;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbFixtureTest {

    private static final DataFixture DEMO = DataFixture.loadResources(DemoShop.model(), DemoShop.class, DemoShop.DATA);

    private DynamoDbFixture dynamo;

    @BeforeAll
    void start() {
        dynamo = DynamoDbFixture.startLocal(DEMO);
    }

    @AfterAll
    void stop() {
        dynamo.close();
    }

    private static List<Row> read(io.promoagent.schema.source.DataSource source, SourceQuery query) {
        List<Row> rows = new ArrayList<>();
        try (SourceCursor cursor = source.open(query)) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static Set<Object> ids(List<Row> rows) {
        return rows.stream().map(r -> r.valueOrNull("id")).collect(Collectors.toSet());
    }

    @Test
    void createsEveryTableAndWritesEveryRow() {
        assertThat(dynamo.loadedItems()).containsExactly(Map.entry("customers", 60L), Map.entry("orders", 323L),
                Map.entry("promotions", 12L));
        assertThat(dynamo.client().listTables().tableNames()).containsExactlyInAnyOrder("customers", "orders", "promotions");
        assertThat(dynamo.client().scan(b -> b.tableName("orders").select("COUNT")).count()).isEqualTo(323);
    }

    @Test
    void writesValuesWithTheirDynamoDbTypes() {
        Map<String, AttributeValue> john = dynamo.client()
                .getItem(b -> b.tableName("customers").key(Map.of("id", AttributeValue.fromS("C00040")))).item();

        assertThat(john.get("name").s()).isEqualTo("John Smith");
        assertThat(new BigDecimal(john.get("total_spent").n())).isEqualByComparingTo("2509.58");
        assertThat(john.get("marketing_opt_in").bool()).isTrue();
        assertThat(dynamo.client().getItem(b -> b.tableName("customers")
                .key(Map.of("id", AttributeValue.fromS("C00010")))).item()).doesNotContainKey("last_order_date");
    }

    @Test
    void servesTheSameRecordsAsTheInMemorySource() {
        Entity customers = DemoShop.model().requireEntity("customers");
        SourceQuery vips = SourceQuery.where(customers, Compare.eq("segment", "VIP"));

        List<Row> fromDynamo = read(dynamo.dataSource(), vips);
        List<Row> fromMemory = read(DEMO.inMemorySource(), vips);

        assertThat(dynamo.dataSource().id()).isEqualTo("dynamodb");
        assertThat(fromDynamo).isNotEmpty();
        assertThat(ids(fromDynamo)).isEqualTo(ids(fromMemory));
    }
}
