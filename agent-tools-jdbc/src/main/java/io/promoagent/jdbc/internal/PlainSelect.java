package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.PushedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole query that returns records, as one statement: its columns, its filter with related-record
 * conditions as subqueries, its order (tie broken by the key) and its limit.
 */
final class PlainSelect {

    private PlainSelect() {
    }

    static Compiled compile(Mapping mapping, PushedQuery pushed) {
        Query query = pushed.query();
        Entity entity = mapping.model().requireEntity(query.entity());
        Aliases aliases = new Aliases();
        Scope.OfEntity scope = new Scope.OfEntity(mapping, entity, aliases.next(mapping.table(entity)));
        List<Output> outputs = new ArrayList<>();
        Sql sql = new Sql().append("SELECT ");
        for (String name : pushed.columns()) {
            Optional<Field> field = entity.field(name);
            if (field.isEmpty()) {
                continue; // a name that is no field of the entity has no value, as in the reference evaluator
            }
            Column c = scope.column(name).orElseThrow();
            sql.append(outputs.isEmpty() ? "" : ", ").append(c.sql() + " AS " + Sql.quote("c" + outputs.size()));
            outputs.add(new Output(name, field.get().type(), c.dbType()));
        }
        if (outputs.isEmpty()) {
            sql.append("1");
        }
        sql.append(" FROM " + Sql.quote(mapping.table(entity)) + " AS " + scope.alias());
        Filters.where(mapping, aliases, pushed, scope, sql);
        {
            // the engine's results are ordered by the key when no order is asked for
            List<OrderBy> orderBy = new ArrayList<>();
            List<Column> keys = new ArrayList<>();
            for (OrderBy o : query.orderBy()) {
                scope.column(o.by()).ifPresent(c -> {
                    orderBy.add(o);
                    keys.add(c);
                });
            }
            List<Column> tieBreak = new ArrayList<>();
            tieBreak.add(scope.column(entity.key().partition()).orElseThrow());
            entity.key().sort().ifPresent(s -> tieBreak.add(scope.column(s).orElseThrow()));
            sql.append(Ordering.sql(orderBy, keys, tieBreak));
        }
        query.limit().ifPresent(n -> sql.append(" LIMIT ").param((long) n, DbType.NUMERIC));
        return new Compiled(sql, outputs, Optional.empty(), aliases.tables(), List.of());
    }
}
