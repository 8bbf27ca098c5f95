package io.promoagent.schema.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * What to read: the typed query a model fills in instead of writing a database query.
 *
 * <p>A plain query returns records of {@code entity}; a query with {@code groupBy} or {@code aggregates}
 * returns one row per group with the group keys and the aggregates. Serialised by
 * {@link io.promoagent.schema.json.QueryJson}; checked against a data model by
 * {@link io.promoagent.schema.model.QueryValidator}.
 *
 * @param entity     the entity read
 * @param fields     the fields to return; empty means every field the reader may see
 * @param where      the condition records must meet
 * @param groupBy    the grouping keys
 * @param aggregates the values computed per group
 * @param having     a condition on the aggregated rows, naming group and aggregate aliases
 * @param orderBy    the order of the result
 * @param limit      the most rows returned
 * @param select     computed columns returned after {@code fields} (related fields, expressions)
 * @param distinct   whether equal result rows are returned once
 * @param windows    window values computed over the grouped result
 */
public record Query(
        String entity,
        List<String> fields,
        Optional<Filter> where,
        List<GroupBy> groupBy,
        List<Aggregate> aggregates,
        Optional<Filter> having,
        List<OrderBy> orderBy,
        OptionalInt limit,
        List<Select> select,
        boolean distinct,
        List<Window> windows) {

    public Query {
        Objects.requireNonNull(entity, "entity");
        fields = List.copyOf(fields);
        Objects.requireNonNull(where, "where");
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
        Objects.requireNonNull(having, "having");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(limit, "limit");
        select = List.copyOf(select);
        windows = List.copyOf(windows);
    }

    /** A query without the output controls and windows of query IR 2.0. */
    public Query(String entity, List<String> fields, Optional<Filter> where, List<GroupBy> groupBy,
                 List<Aggregate> aggregates, Optional<Filter> having, List<OrderBy> orderBy, OptionalInt limit) {
        this(entity, fields, where, groupBy, aggregates, having, orderBy, limit, List.of(), false, List.of());
    }

    /** Whether the query returns groups and aggregates rather than records. */
    public boolean isAggregate() {
        return !groupBy.isEmpty() || !aggregates.isEmpty();
    }

    public static Builder builder(String entity) {
        return new Builder(entity);
    }

    /** A query built by the consumer: {@code Query.of("customers", q -> q.where(RuleRef.of("vip")))}. */
    public static Query of(String entity, Consumer<Builder> spec) {
        Builder b = builder(entity);
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(entity);
        b.fields.addAll(fields);
        b.where = where.orElse(null);
        b.groupBy.addAll(groupBy);
        b.aggregates.addAll(aggregates);
        b.having = having.orElse(null);
        b.orderBy.addAll(orderBy);
        b.limit = limit.isPresent() ? limit.getAsInt() : null;
        b.select.addAll(select);
        b.distinct = distinct;
        b.windows.addAll(windows);
        return b;
    }

    /** Builds a {@link Query}. */
    public static final class Builder {
        private String entity;
        private final List<String> fields = new ArrayList<>();
        private Filter where;
        private final List<GroupBy> groupBy = new ArrayList<>();
        private final List<Aggregate> aggregates = new ArrayList<>();
        private Filter having;
        private final List<OrderBy> orderBy = new ArrayList<>();
        private Integer limit;
        private final List<Select> select = new ArrayList<>();
        private boolean distinct;
        private final List<Window> windows = new ArrayList<>();

        private Builder(String entity) {
            this.entity = entity;
        }

        public Builder entity(String newEntity) {
            this.entity = newEntity;
            return this;
        }

        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        public Builder fields(List<String> names) {
            fields.addAll(names);
            return this;
        }

        public Builder where(Filter filter) {
            this.where = filter;
            return this;
        }

        /** Adds a condition to the existing one with a conjunction. */
        public Builder and(Filter filter) {
            this.where = where == null ? filter : Filter.and(where, filter);
            return this;
        }

        public Builder groupBy(GroupBy... keys) {
            groupBy.addAll(List.of(keys));
            return this;
        }

        public Builder aggregate(Aggregate... values) {
            aggregates.addAll(List.of(values));
            return this;
        }

        public Builder having(Filter filter) {
            this.having = filter;
            return this;
        }

        public Builder orderBy(OrderBy... keys) {
            orderBy.addAll(List.of(keys));
            return this;
        }

        public Builder limit(int max) {
            this.limit = max;
            return this;
        }

        public Builder select(Select... columns) {
            select.addAll(List.of(columns));
            return this;
        }

        public Builder distinct(boolean value) {
            this.distinct = value;
            return this;
        }

        public Builder window(Window... values) {
            windows.addAll(List.of(values));
            return this;
        }

        public Builder noLimit() {
            this.limit = null;
            return this;
        }

        public Query build() {
            return new Query(entity, fields, Optional.ofNullable(where), groupBy, aggregates,
                    Optional.ofNullable(having), orderBy, limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
                    select, distinct, windows);
        }
    }
}
