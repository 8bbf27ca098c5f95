package io.promoagent.dynamodb;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo data model ({@link DemoShop}), with its tables renamed per test class, and the 60-customer demo
 * export loaded into them.
 */
final class DemoModel {

    static final LocalDate NOW = DemoShop.TODAY;
    static final Clock CLOCK = DemoShop.CLOCK;

    private DemoModel() {
    }

    static DataModel load() {
        return DemoShop.model();
    }

    /** The demo model whose tables are named {@code prefix + table}. */
    static DataModel withTablePrefix(String prefix) {
        DataModel m = load();
        DataModel.Builder b = DataModel.builder();
        m.sources().forEach(b::source);
        for (Entity e : m.entities()) {
            b.entity(renamed(e, prefix + e.table()));
        }
        m.relationships().forEach(b::relationship);
        m.rules().forEach(b::rule);
        m.measures().forEach(b::measure);
        return b.build();
    }

    static Entity renamed(Entity e, String table) {
        return new Entity(e.name(), e.source(), table, e.description(), e.synonyms(), e.key(), e.indexes(), e.fields());
    }

    /** Creates the model's tables and loads the 60-customer demo export into them. */
    static void createAndLoad(DynamoDbClient client, DataModel model) {
        DynamoDbTables.create(client, model);
        for (Entity e : model.entities()) {
            DynamoDbLoader.load(client, e, DemoShop.rows(e.name()));
        }
    }

    /** Every item of every table, as rows: the data set the reference evaluator reads. */
    static Map<String, List<Row>> dataset(DynamoDbClient client, DataModel model) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            List<Row> rows = new ArrayList<>();
            client.scanPaginator(b -> b.tableName(e.table())).items()
                    .forEach(item -> rows.add(io.promoagent.dynamodb.item.AttributeValues.row(item)));
            out.put(e.name(), rows);
        }
        return out;
    }
}
