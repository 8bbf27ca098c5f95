package io.promoagent.schema.eval;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A field of the query's entity ({@code total}) or a field reached through many-to-one relationships
 * ({@code customer.segment}), as group keys and aggregates name them.
 *
 * @param name  the name as the query wrote it
 * @param hops  the relationships followed, in order; empty for a field of the entity itself
 * @param field the field at the end
 */
public record FieldPath(String name, List<Navigation> hops, Field field) {

    public FieldPath {
        Objects.requireNonNull(name, "name");
        hops = List.copyOf(hops);
        Objects.requireNonNull(field, "field");
    }

    /** Whether the value is read from another entity. */
    public boolean isPath() {
        return !hops.isEmpty();
    }

    /** The field of the query's entity whose value starts the path (the join field of the first hop). */
    public String localField() {
        return hops.isEmpty() ? field.name() : hops.get(0).localField();
    }

    /**
     * Resolves a name on {@code entity}: its own field, or a dotted path through relationships that each
     * reach at most one record.
     */
    public static Optional<FieldPath> resolve(DataModel model, String entity, String name) {
        Entity start = model.requireEntity(entity);
        Optional<Field> own = start.field(name);
        if (own.isPresent()) {
            return Optional.of(new FieldPath(name, List.of(), own.get()));
        }
        String[] parts = name.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        List<Navigation> hops = new ArrayList<>();
        String at = entity;
        for (int i = 0; i < parts.length - 1; i++) {
            Optional<Navigation> nav = model.navigation(at, parts[i]);
            if (nav.isEmpty() || nav.get().toMany()) {
                return Optional.empty();
            }
            hops.add(nav.get());
            at = nav.get().to();
        }
        return model.requireEntity(at).field(parts[parts.length - 1]).map(f -> new FieldPath(name, hops, f));
    }

    /**
     * A filter with every condition on a path ({@code customer.segment = VIP} on orders) written as
     * conditions on related records ("has a customer whose segment is VIP"), as the query validator
     * normalises it; so {@code customer.segment is_null} holds when there is a customer without a segment,
     * not when there is no customer. Conditions inside related-record conditions are rewritten on their
     * own entity.
     */
    public static Filter onOwnFields(DataModel model, String entity, Filter f) {
        if (f instanceof And and) {
            return new And(and.operands().stream().map(o -> onOwnFields(model, entity, o)).toList());
        }
        if (f instanceof Or or) {
            return new Or(or.operands().stream().map(o -> onOwnFields(model, entity, o)).toList());
        }
        if (f instanceof Not not) {
            return new Not(onOwnFields(model, entity, not.operand()));
        }
        if (f instanceof Related r) {
            Optional<Navigation> nav = model.navigation(entity, r.via());
            if (nav.isEmpty()) {
                return r;
            }
            return new Related(r.via(), r.where().map(w -> onOwnFields(model, nav.get().to(), w)), r.count());
        }
        String field = f instanceof Compare c ? c.field() : f instanceof Within w ? w.field() : null;
        if (field == null || model.requireEntity(entity).field(field).isPresent()) {
            return f;
        }
        Optional<FieldPath> path = resolve(model, entity, field);
        if (path.isEmpty()) {
            return f;
        }
        String last = path.get().field().name();
        Filter onField = f instanceof Compare c ? new Compare(last, c.op(), c.values(), c.ignoreCase())
                : new Within(last, ((Within) f).range());
        List<Navigation> hops = path.get().hops();
        for (int i = hops.size() - 1; i >= 0; i--) {
            onField = new Related(hops.get(i).name(), Optional.of(onField), CountCondition.exists());
        }
        return onField;
    }

    /** Like {@link #resolve}, for names a validated query holds. */
    public static FieldPath require(DataModel model, String entity, String name) {
        return resolve(model, entity, name).orElseThrow(() -> new IllegalArgumentException(
                "'" + name + "' is neither a field of '" + entity + "' nor a path through many-to-one relationships"));
    }
}
