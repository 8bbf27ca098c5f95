package io.promoagent.jdbc;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.ShopFixture;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** agent-schema's shop fixture with both of its sources turned into one PostgreSQL source by changing their kind and id. */
final class ShopOnPostgres {

    private ShopOnPostgres() {
    }

    static DataModel model() {
        String yaml = ShopFixture.MODEL_YAML
                .replace("{id: crm, kind: memory}", "{id: pg, kind: jdbc}")
                .replace("  - {id: sales, kind: memory}\n", "")
                .replace("source: crm", "source: pg")
                .replace("source: sales", "source: pg");
        return DataModelYaml.parse(yaml, "shop-on-postgres.yaml");
    }

    /** Creates the tables of {@code model} in a new database and loads the rows. */
    static DataSource load(DataModel model, Map<String, List<Row>> data, NamingStrategy naming) {
        DataSource db = TestDatabases.newDatabase("shop");
        JdbcTables.create(db, model, model.sources().get(0).id(), naming);
        for (Entity e : model.entities()) {
            JdbcTables.load(db, model, e, naming, data.getOrDefault(e.name(), List.of()));
        }
        return db;
    }
}
