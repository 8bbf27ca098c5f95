package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.PushedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole query that returns records, as one statement: its columns (fields, and selected values computed
 * per record), its filter with related-record conditions as subqueries, its order (tie broken by the key)
 * and its limit. With {@code distinct}, the distinct rows of its columns, ordered by the order asked for
 * and then by every column.
 */
final class PlainSelect {

    private PlainSelect() {
    }

    static Compiled compile(Mapping mapping, PushedQuery pushed) {
        Query query = pushed.query();
        Entity entity = mapping.model().requireEntity(query.entity());
        Aliases aliases = new Aliases();
        Scope.OfEntity scope = new Scope.OfEntity(mapping, entity, aliases.next(mapping.table(entity)));
        FilterSql filters = new FilterSql(mapping, aliases, QueryContext.of(pushed));
        Map<String, Select> selects = new LinkedHashMap<>();
        query.select().forEach(s -> selects.put(s.alias(), s));
        List<Output> outputs = new ArrayList<>();
        Map<String, SqlValue> values = new LinkedHashMap<>();
        Sql sql = new Sql().append("SELECT ");
        for (String name : pushed.columns()) {
            SqlValue v;
            if (selects.containsKey(name)) {
                v = filters.exprs().compile(selects.get(name).expr(), scope);
            } else {
                Optional<Field> field = entity.field(name);
                if (field.isEmpty()) {
                    continue; // a name that is no field of the entity has no value, as in the reference evaluator
                }
                v = SqlValue.of(scope.column(name).orElseThrow());
            }
            sql.append(outputs.isEmpty() ? "" : ", ").append(v.sql()).append(" AS " + Sql.quote("c" + outputs.size()));
            values.put(name, v);
            outputs.add(new Output(name, v.fieldType(), v.dbType()));
        }
        if (outputs.isEmpty()) {
            sql.append("1");
        }
        sql.append(" FROM " + Sql.quote(mapping.table(entity)) + " AS " + scope.alias());
        Filters.where(filters, pushed, scope, sql);
        if (query.distinct()) {
            return distinct(sql, query, outputs, aliases);
        }
        // the engine's results are ordered by the key when no order is asked for; a name that is neither a
        // field nor a selected value is absent on every row and orders nothing
        Sql order = new Sql();
        for (OrderBy o : query.orderBy()) {
            Optional<SqlValue> v = selects.containsKey(o.by()) ? Optional.of(values.get(o.by()))
                    : scope.column(o.by()).map(SqlValue::of);
            v.ifPresent(value -> Ordering.append(order, value, o.direction()));
        }
        Ordering.append(order, SqlValue.of(scope.column(entity.key().partition()).orElseThrow()), Direction.ASC);
        entity.key().sort().ifPresent(s -> Ordering.append(order, SqlValue.of(scope.column(s).orElseThrow()), Direction.ASC));
        sql.append(order);
        query.limit().ifPresent(n -> sql.append(" LIMIT ").param((long) n, DbType.NUMERIC));
        return new Compiled(sql, outputs, Optional.empty(), aliases.tables(), List.of());
    }

    /** The distinct rows of the inner statement's columns, ordered on its output columns. */
    private static Compiled distinct(Sql inner, Query query, List<Output> outputs, Aliases aliases) {
        Sql sql = new Sql().append("SELECT * FROM (SELECT DISTINCT * FROM (").append(inner).append(") AS d0) AS d");
        Sql order = new Sql();
        for (OrderBy o : query.orderBy()) {
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).name().equals(o.by())) {
                    Ordering.append(order, output(outputs, i), o.direction());
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            Ordering.append(order, output(outputs, i), Direction.ASC);
        }
        sql.append(order);
        query.limit().ifPresent(n -> sql.append(" LIMIT ").param((long) n, DbType.NUMERIC));
        return new Compiled(sql, outputs, Optional.empty(), aliases.tables(), List.of());
    }

    private static SqlValue output(List<Output> outputs, int i) {
        Output o = outputs.get(i);
        return new SqlValue(new Sql().append("d." + Sql.quote("c" + i)), o.dbType(), o.fieldType());
    }
}
