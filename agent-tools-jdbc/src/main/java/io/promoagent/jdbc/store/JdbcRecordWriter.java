package io.promoagent.jdbc.store;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.change.WriteState;
import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.internal.Catalog;
import io.promoagent.jdbc.internal.Mapping;
import io.promoagent.jdbc.internal.RecordWrites;
import java.util.List;

/**
 * agent-core's {@link RecordWriter} over PostgreSQL, for the entities of one {@link JdbcDataSource}, with
 * its table and column mapping: an approved change set is written in one transaction, each record locked
 * and checked against the version its change previewed ({@link io.promoagent.core.change.RecordVersion}),
 * with the complete before-image of every record in the result. The idempotency token and the result are
 * kept in the table {@value RecordWrites#TOKENS_TABLE} (created on first use), so a repeat returns the same
 * result and writes nothing. Thread-safe.
 */
public final class JdbcRecordWriter implements RecordWriter {

    /** The most records written in one transaction by default. */
    public static final int MAX_RECORDS = 10_000;

    private final RecordWrites writes;

    private JdbcRecordWriter(JdbcDataSource source, int maxRecords) {
        Mapping mapping = new Mapping(source.model(), source.id(), Mapping.names(source::tableOf, source::columnOf),
                Catalog.read(source.database()));
        this.writes = new RecordWrites(source.database(), mapping, maxRecords);
    }

    /** A writer of the entities {@code source} reads, in the same database and tables. */
    public static JdbcRecordWriter of(JdbcDataSource source) {
        return new JdbcRecordWriter(source, MAX_RECORDS);
    }

    /** A writer that refuses change sets of more than {@code maxRecords} records. */
    public static JdbcRecordWriter of(JdbcDataSource source, int maxRecords) {
        return new JdbcRecordWriter(source, maxRecords);
    }

    @Override
    public List<AffectedRecord> write(List<AffectedRecord> changes, String idempotencyToken) {
        return writes.write(changes, idempotencyToken);
    }

    @Override
    public WriteState written(String idempotencyToken) {
        return writes.written(idempotencyToken);
    }
}
