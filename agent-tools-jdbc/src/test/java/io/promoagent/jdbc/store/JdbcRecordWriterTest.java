package io.promoagent.jdbc.store;

import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.change.RecordWriterContract;
import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.JdbcTables;
import io.promoagent.jdbc.NamingStrategy;
import io.promoagent.jdbc.TestDatabases;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** agent-core's record-writer contract, met by the PostgreSQL writer (a fresh database per test). */
class JdbcRecordWriterTest extends RecordWriterContract {

    private JdbcDataSource source;
    private DataModel model;
    private DataSource db;

    @Override
    protected RecordWriter newWriter(DataModel contractModel, Map<String, List<Row>> rows) {
        DataModel.Builder b = DataModel.builder().source("main", "jdbc");
        contractModel.entities().forEach(b::entity);
        model = b.build();
        db = TestDatabases.newDatabase("writer");
        JdbcTables.create(db, model, "main", NamingStrategy.AS_IS);
        for (Entity e : model.entities()) {
            JdbcTables.load(db, model, e, NamingStrategy.AS_IS, rows.getOrDefault(e.name(), List.of()));
        }
        source = JdbcDataSource.builder(db, model).id("main").build();
        return JdbcRecordWriter.of(source);
    }

    @Override
    protected Optional<Row> read(String entity, Map<String, Object> key) {
        Entity e = model.requireEntity(entity);
        Object id = key.get(e.key().partition());
        try (SourceCursor c = source.open(SourceQuery.where(e, Compare.eq(e.key().partition(), id)))) {
            return c.hasNext() ? Optional.of(c.next()) : Optional.empty();
        }
    }

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
            TestDatabases.drop(db);
        }
    }
}
