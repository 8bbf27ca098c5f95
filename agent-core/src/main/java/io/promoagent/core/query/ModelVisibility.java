package io.promoagent.core.query;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.Visibility;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, column by column, which values of a query result a model may see and which only the person
 * may.
 *
 * <p>A column of a record is visible when its field has visibility {@code model}; a group key when the
 * field it groups by has; an aggregate when it is a count (a count reveals no value) or when every field
 * it reads has (a maximum of e-mail addresses is an e-mail address). Anything that cannot be traced to a
 * field is withheld: the default is not to tell (computed columns of query IR 2.0, windows and formulas
 * included; a selected column is visible only when it is a field, or a related field, the model may see).
 */
final class ModelVisibility {

    private final DataModel model;

    ModelVisibility(DataModel model) {
        this.model = model;
    }

    /** For each column of the result, whether the model may see its values. */
    Map<String, Boolean> of(Query query, List<String> columns) {
        Map<String, Boolean> visible = new LinkedHashMap<>();
        columns.forEach(c -> visible.put(c, false));
        if (!query.isAggregate()) {
            Entity entity = model.requireEntity(query.entity());
            for (String c : columns) {
                visible.put(c, entity.field(c).map(Field::isVisibleToModel).orElse(false));
            }
            // a selected column is what its expression reads, whatever it is named: a related field of the
            // model's visibility, or withheld
            for (Select s : query.select()) {
                visible.put(s.alias(), s.expr() instanceof Expr.FieldRef f && fieldVisible(query.entity(), f.field()));
            }
            return visible;
        }
        for (GroupBy g : query.groupBy()) {
            visible.put(g.alias(), g.expr().isEmpty() && fieldVisible(query.entity(), g.field()));
        }
        for (Aggregate a : query.aggregates()) {
            visible.put(a.alias(), aggregateVisible(query.entity(), a));
        }
        return visible;
    }

    /** Whether the person may see a column: everything but hidden fields. */
    boolean shownToPerson(Query query, String column) {
        if (query.isAggregate()) {
            return true;
        }
        return model.requireEntity(query.entity()).field(column)
                .map(f -> f.visibility() != Visibility.HIDDEN).orElse(true);
    }

    private boolean aggregateVisible(String entity, Aggregate aggregate) {
        if (aggregate instanceof Aggregate.Of of) {
            return revealsNothing(of.function()) || of.field().map(f -> fieldVisible(entity, f)).orElse(true);
        }
        if (aggregate instanceof Aggregate.Measure m) {
            return model.measure(m.measure()).map(measure -> measureVisible(measure, new HashSet<>())).orElse(false);
        }
        return false;
    }

    private boolean measureVisible(Measure measure, Set<String> seen) {
        if (!seen.add(measure.name())) {
            return false;
        }
        return expressionVisible(measure.entity(), measure.expression(), seen);
    }

    private boolean expressionVisible(String entity, MeasureExpression e, Set<String> seen) {
        if (e instanceof MeasureExpression.Aggregation a) {
            return revealsNothing(a.function()) || a.field().map(f -> fieldVisible(entity, f)).orElse(true);
        }
        if (e instanceof MeasureExpression.Reference r) {
            return model.measure(r.measure()).map(m -> measureVisible(m, seen)).orElse(false);
        }
        if (e instanceof MeasureExpression.Arithmetic a) {
            return expressionVisible(entity, a.left(), seen) && expressionVisible(entity, a.right(), seen);
        }
        return e instanceof MeasureExpression.Constant;
    }

    private static boolean revealsNothing(AggregateFunction fn) {
        return fn == AggregateFunction.COUNT || fn == AggregateFunction.COUNT_DISTINCT;
    }

    private boolean fieldVisible(String entity, String name) {
        Optional<FieldPath> path;
        try {
            path = FieldPath.resolve(model, entity, name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return path.map(p -> p.field().isVisibleToModel()).orElse(false);
    }
}
