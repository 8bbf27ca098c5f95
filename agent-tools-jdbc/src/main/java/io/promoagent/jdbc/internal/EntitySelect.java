package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The statement for the part of a query the engine asks this source for when it runs the query itself
 * (the query crosses sources): records of one entity meeting a filter, the fields asked for, a limit.
 */
final class EntitySelect {

    private EntitySelect() {
    }

    static Compiled compile(Mapping mapping, SourceQuery query) {
        Entity entity = query.entity();
        Aliases aliases = new Aliases();
        Scope.OfEntity scope = new Scope.OfEntity(mapping, entity, aliases.next(mapping.table(entity)));
        List<String> names = query.fields().isEmpty() ? entity.fieldNames() : query.fields();
        List<Output> outputs = new ArrayList<>();
        Sql sql = new Sql().append("SELECT ");
        for (String name : names) {
            Optional<Field> field = entity.field(name);
            if (field.isEmpty()) {
                continue;
            }
            Column c = scope.column(name).orElseThrow();
            sql.append(outputs.isEmpty() ? "" : ", ").append(c.sql() + " AS " + Sql.quote("c" + outputs.size()));
            outputs.add(new Output(name, field.get().type(), c.dbType()));
        }
        if (outputs.isEmpty()) {
            sql.append("1");
        }
        sql.append(" FROM " + Sql.quote(mapping.table(entity)) + " AS " + scope.alias());
        if (query.filter().isPresent()) {
            sql.append(" WHERE ");
            new FilterSql(mapping, aliases).compile(query.filter().get(), scope, sql);
        }
        if (query.limit().isPresent()) {
            sql.append(" LIMIT ").param((long) query.limit().getAsInt(), DbType.NUMERIC);
        }
        return new Compiled(sql, outputs, Optional.empty(), aliases.tables(), List.of());
    }

    /**
     * The distinct non-null values of the query's one field among the records meeting its filter, in the
     * database's ascending order: {@code SELECT DISTINCT col ... ORDER BY 1}, which PostgreSQL can serve from
     * the index on the column.
     */
    static Compiled compileDistinct(Mapping mapping, SourceQuery query) {
        String name = DistinctKeySource.field(query);
        Entity entity = query.entity();
        Field field = entity.field(name).orElseThrow(() -> new IllegalArgumentException(
                "entity '" + entity.name() + "' has no field '" + name + "'"));
        Aliases aliases = new Aliases();
        Scope.OfEntity scope = new Scope.OfEntity(mapping, entity, aliases.next(mapping.table(entity)));
        Column c = scope.column(name).orElseThrow();
        Sql sql = new Sql().append("SELECT DISTINCT " + c.sql() + " AS " + Sql.quote("c0"))
                .append(" FROM " + Sql.quote(mapping.table(entity)) + " AS " + scope.alias())
                .append(" WHERE " + c.sql() + " IS NOT NULL");
        if (query.filter().isPresent()) {
            sql.append(" AND (");
            new FilterSql(mapping, aliases).compile(query.filter().get(), scope, sql);
            sql.append(")");
        }
        sql.append(" ORDER BY 1");
        if (query.limit().isPresent()) {
            sql.append(" LIMIT ").param((long) query.limit().getAsInt(), DbType.NUMERIC);
        }
        return new Compiled(sql, List.of(new Output(name, field.type(), c.dbType())), Optional.empty(),
                aliases.tables(), List.of("distinct values of " + name + ", ascending"));
    }
}
