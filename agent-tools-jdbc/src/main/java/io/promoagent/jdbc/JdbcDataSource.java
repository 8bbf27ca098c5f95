package io.promoagent.jdbc;

import io.promoagent.jdbc.internal.Catalog;
import io.promoagent.jdbc.internal.Mapping;
import io.promoagent.jdbc.internal.SqlReads;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.source.WholeQuerySource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link io.promoagent.schema.source.DataSource} over PostgreSQL: a query whose entities all live here
 * runs as one parameterised SQL statement (filters, related records as {@code EXISTS} or counting
 * subqueries, grouping through relationships, aggregates, order, limit); the part of a query that crosses
 * sources runs as one statement per call the engine makes.
 *
 * <p>Every read is one statement in a read-only transaction with a statement timeout and a row cap; a
 * request whose thread is interrupted has its statement cancelled. Values are always bind parameters and
 * identifiers come only from the data model's mapping, quoted. Building it reads the database's catalog once
 * and fails with {@link SchemaMismatchException} when the model names a table or column the database lacks.
 * Thread-safe; {@link #close()} it on shutdown.
 */
public final class JdbcDataSource implements WholeQuerySource, DistinctKeySource, AutoCloseable {

    private final String id;
    private final javax.sql.DataSource database;
    private final DataModel model;
    private final NamingStrategy naming;
    private final Map<String, String> tables;
    private final Map<String, String> columns;
    private final SqlReads reads;

    private JdbcDataSource(Builder b) {
        this.id = b.id;
        this.database = b.dataSource;
        this.model = b.model;
        this.naming = b.naming;
        this.tables = Map.copyOf(b.tables);
        this.columns = Map.copyOf(b.columns);
        Mapping mapping = new Mapping(b.model, b.id, Mapping.names(this::tableOf, this::columnOf),
                Catalog.read(b.dataSource));
        List<String> problems = mapping.problems();
        if (!problems.isEmpty()) {
            throw new SchemaMismatchException(problems);
        }
        this.reads = new SqlReads(b.dataSource, mapping, b.statementTimeout, b.maxRows, b.fetchSize);
    }

    /** Starts building a source over {@code dataSource} (a pool such as HikariCP, or the host's own) for {@code model}. */
    public static Builder builder(javax.sql.DataSource dataSource, DataModel model) {
        return new Builder(dataSource, model);
    }

    @Override
    public String id() {
        return id;
    }

    /** The database this source reads. */
    public javax.sql.DataSource database() {
        return database;
    }

    /** The data model this source serves entities of. */
    public DataModel model() {
        return model;
    }

    /** The table that holds the records of {@code entity}. */
    public String tableOf(String entity) {
        String explicit = tables.get(entity);
        return explicit != null ? explicit : naming.apply(model.requireEntity(entity).table());
    }

    /**
     * The column that holds {@code field} of {@code entity}: the builder's {@link Builder#column}, else the
     * field's {@code column} in the data model, else its name through the naming strategy.
     */
    public String columnOf(String entity, String field) {
        String explicit = columns.get(entity + "." + field);
        return explicit != null ? explicit : JdbcTables.column(model, entity, field, naming);
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        return reads.open(query);
    }

    @Override
    public Explanation explain(SourceQuery query) {
        return reads.explain(query);
    }

    @Override
    public SourceCursor openDistinct(SourceQuery query) {
        return reads.openDistinct(query);
    }

    @Override
    public Explanation explainDistinct(SourceQuery query) {
        return reads.explainDistinct(query);
    }

    @Override
    public Optional<SourceCursor> open(PushedQuery query) {
        return reads.open(query);
    }

    @Override
    public Optional<Explanation> explain(PushedQuery query) {
        return reads.explain(query);
    }

    @Override
    public void close() {
        reads.close();
    }

    /** Configures a {@link JdbcDataSource}. */
    public static final class Builder {
        private final javax.sql.DataSource dataSource;
        private final DataModel model;
        private String id = "jdbc";
        private NamingStrategy naming = NamingStrategy.AS_IS;
        private final Map<String, String> tables = new LinkedHashMap<>();
        private final Map<String, String> columns = new LinkedHashMap<>();
        private Duration statementTimeout = Duration.ofSeconds(30);
        private int maxRows = 100_000;
        private int fetchSize = 500;

        private Builder(javax.sql.DataSource dataSource, DataModel model) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The data model's source id this serves ({@code jdbc} by default). */
        public Builder id(String value) {
            this.id = Objects.requireNonNull(value, "id");
            return this;
        }

        /** How table and field names become database names when not mapped one by one ({@link NamingStrategy#AS_IS} by default). */
        public Builder naming(NamingStrategy value) {
            this.naming = Objects.requireNonNull(value, "naming");
            return this;
        }

        /** The table of {@code entity}, instead of its {@code table} name through the naming strategy. */
        public Builder table(String entity, String table) {
            tables.put(Objects.requireNonNull(entity, "entity"), Objects.requireNonNull(table, "table"));
            return this;
        }

        /** The column of {@code entity.field}, instead of the field's name through the naming strategy. */
        public Builder column(String entity, String field, String column) {
            columns.put(Objects.requireNonNull(entity, "entity") + "." + Objects.requireNonNull(field, "field"),
                    Objects.requireNonNull(column, "column"));
            return this;
        }

        /** The longest a statement may run before PostgreSQL cancels it (30 seconds by default). */
        public Builder statementTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("statementTimeout must be positive, got " + value);
            }
            this.statementTimeout = value;
            return this;
        }

        /** The most rows one statement may return; more fail the query (100,000 by default). */
        public Builder maxRows(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxRows must be at least 1, got " + value);
            }
            this.maxRows = value;
            return this;
        }

        /** Rows fetched from the server per round trip (500 by default). */
        public Builder fetchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("fetchSize must be at least 1, got " + value);
            }
            this.fetchSize = value;
            return this;
        }

        /**
         * Reads the catalog and builds the source.
         *
         * @throws SchemaMismatchException when the model names a table or column the database lacks
         * @throws io.promoagent.schema.source.DataSourceException when the database cannot be reached
         */
        public JdbcDataSource build() {
            return new JdbcDataSource(this);
        }
    }
}
