package io.promoagent.schema.engine;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.ir.CalendarUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a query's result and their types, shared by the reference evaluator and the engine so
 * that both return the same shape (not meant for use outside the library).
 *
 * <p>A plain query returns its requested fields, or every field that is not hidden, followed by the
 * entity's key fields it did not name. An aggregate query returns its group keys, then its aggregates,
 * each under its alias.
 */
final class QueryShape {

    private QueryShape() {
    }

    /** The partition key field and, if any, the sort key field. */
    public static List<String> keyFields(Entity entity) {
        List<String> keys = new ArrayList<>();
        keys.add(entity.key().partition());
        entity.key().sort().ifPresent(keys::add);
        return keys;
    }

    public static List<String> columns(DataModel model, Query query) {
        List<String> columns = new ArrayList<>();
        if (query.isAggregate()) {
            query.groupBy().forEach(g -> columns.add(g.alias()));
            query.aggregates().forEach(a -> columns.add(a.alias()));
            return columns;
        }
        Entity entity = model.requireEntity(query.entity());
        if (query.fields().isEmpty()) {
            for (Field f : entity.fields()) {
                if (f.visibility() != Visibility.HIDDEN) {
                    columns.add(f.name());
                }
            }
        } else {
            for (String f : query.fields()) {
                if (!columns.contains(f)) {
                    columns.add(f);
                }
            }
        }
        for (String k : keyFields(entity)) {
            if (!columns.contains(k)) {
                columns.add(k);
            }
        }
        return columns;
    }

    /**
     * The type of each column of an aggregate query, which is what its {@code having} compares: a group
     * key has its field's type (a truncated date is a string, a day or week a date); counts, sums,
     * averages and measures are numbers; a minimum or maximum has its field's type.
     */
    public static Map<String, FieldType> aggregateTypes(DataModel model, Query query) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (GroupBy g : query.groupBy()) {
            FieldType t = FieldPath.require(model, query.entity(), g.field()).field().type();
            if (g.truncate().isPresent()) {
                CalendarUnit u = g.truncate().get();
                t = u == CalendarUnit.DAY || u == CalendarUnit.WEEK ? FieldType.DATE : FieldType.STRING;
            }
            types.put(g.alias(), t);
        }
        for (Aggregate a : query.aggregates()) {
            FieldType t = FieldType.NUMBER;
            if (a instanceof Aggregate.Of of && of.field().isPresent()
                    && (of.function() == AggregateFunction.MIN || of.function() == AggregateFunction.MAX)) {
                t = FieldPath.require(model, query.entity(), of.field().get()).field().type();
            }
            types.put(a.alias(), t);
        }
        return types;
    }
}
