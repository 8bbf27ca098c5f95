package io.promoagent.schema.engine;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An aggregate query compiled for streaming: its group keys as field paths, the distinct aggregates it
 * accumulates per group ("leaves", shared between measures), and for each output column how it is
 * computed from the leaves.
 */
final class AggregatePlan {

    /** One aggregate accumulated per group, over the rows meeting {@code where}. */
    record Leaf(AggregateFunction function, Optional<FieldPath> field, Optional<Filter> where) {
    }

    /** How an output column is computed from the accumulated leaves. */
    sealed interface Output permits LeafValue, Constant, Arithmetic {
    }

    /** A leaf's value; inside a measure only a number counts as a value. */
    record LeafValue(int leaf, boolean numeric) implements Output {
    }

    record Constant(BigDecimal value) implements Output {
    }

    record Arithmetic(char operator, Output left, Output right) implements Output {
    }

    final List<FieldPath> groupPaths;
    final List<Leaf> leaves;
    final List<Output> outputs;

    private AggregatePlan(List<FieldPath> groupPaths, List<Leaf> leaves, List<Output> outputs) {
        this.groupPaths = groupPaths;
        this.leaves = leaves;
        this.outputs = outputs;
    }

    static AggregatePlan of(DataModel model, Preparation preparation, Query query) {
        List<FieldPath> groupPaths = new ArrayList<>();
        query.groupBy().forEach(g -> groupPaths.add(FieldPath.require(model, query.entity(), g.field())));
        List<Leaf> leaves = new ArrayList<>();
        List<Output> outputs = new ArrayList<>();
        for (Aggregate a : query.aggregates()) {
            if (a instanceof Aggregate.Of of) {
                Optional<FieldPath> field = of.field().map(f -> FieldPath.require(model, query.entity(), f));
                outputs.add(new LeafValue(leaf(leaves, new Leaf(of.function(), field, Optional.empty())), false));
            } else {
                Measure m = model.measure(((Aggregate.Measure) a).measure()).orElseThrow();
                outputs.add(compile(model, preparation, query.entity(), m.expression(), leaves));
            }
        }
        return new AggregatePlan(List.copyOf(groupPaths), List.copyOf(leaves), List.copyOf(outputs));
    }

    private static Output compile(DataModel model, Preparation preparation, String entity, MeasureExpression e,
                                  List<Leaf> leaves) {
        if (e instanceof MeasureExpression.Aggregation agg) {
            Optional<FieldPath> field = agg.field().map(f -> FieldPath.require(model, entity, f));
            Leaf leaf = new Leaf(agg.function(), field, preparation.prepare(entity, agg.where()));
            return new LeafValue(leaf(leaves, leaf), true);
        }
        if (e instanceof MeasureExpression.Reference ref) {
            return compile(model, preparation, entity, model.measure(ref.measure()).orElseThrow().expression(), leaves);
        }
        if (e instanceof MeasureExpression.Constant c) {
            return new Constant(c.value());
        }
        MeasureExpression.Arithmetic ar = (MeasureExpression.Arithmetic) e;
        return new Arithmetic(ar.operator(), compile(model, preparation, entity, ar.left(), leaves),
                compile(model, preparation, entity, ar.right(), leaves));
    }

    private static int leaf(List<Leaf> leaves, Leaf leaf) {
        int i = leaves.indexOf(leaf);
        if (i >= 0) {
            return i;
        }
        leaves.add(leaf);
        return leaves.size() - 1;
    }

    /** The paths through relationships that group keys and aggregates read. */
    Set<FieldPath> paths() {
        Set<FieldPath> paths = new LinkedHashSet<>();
        groupPaths.stream().filter(FieldPath::isPath).forEach(paths::add);
        leaves.forEach(l -> l.field().filter(FieldPath::isPath).ifPresent(paths::add));
        return paths;
    }

    /** The fields of the query's entity that grouping and accumulating read. */
    void fields(DataModel model, String entity, Collection<String> out) {
        groupPaths.forEach(p -> out.add(p.localField()));
        for (Leaf l : leaves) {
            l.field().ifPresent(p -> out.add(p.localField()));
            l.where().ifPresent(w -> Filters.fields(model, entity, w, out));
        }
    }

    Accumulator[] newAccumulators() {
        Accumulator[] accs = new Accumulator[leaves.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = new Accumulator(leaves.get(i).function());
        }
        return accs;
    }

    /** The value of output column {@code i} of a group. */
    Object output(int i, Accumulator[] accs) {
        return value(outputs.get(i), accs);
    }

    private static Object value(Output o, Accumulator[] accs) {
        if (o instanceof LeafValue lv) {
            Object v = accs[lv.leaf()].result();
            return lv.numeric() && !(v instanceof BigDecimal) ? null : v;
        }
        if (o instanceof Constant c) {
            return c.value();
        }
        Arithmetic ar = (Arithmetic) o;
        return Values.arithmetic(ar.operator(), (BigDecimal) value(ar.left(), accs), (BigDecimal) value(ar.right(), accs));
    }

    @Override
    public String toString() {
        return "AggregatePlan" + Objects.toString(leaves);
    }
}
