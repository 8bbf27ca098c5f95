package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Window;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Guards the compiler against constructs the query IR gains after it was written: a query whose records
 * carry a component the compiler does not know, set to anything but empty, is declined (the engine then
 * runs it entity by entity) rather than compiled with that part silently left out.
 */
final class KnownConstructs {

    private static final Map<Class<?>, Set<String>> KNOWN = Map.of(
            Query.class, Set.of("entity", "fields", "where", "groupBy", "aggregates", "having", "orderBy", "limit",
                    "select", "distinct", "windows"),
            GroupBy.class, Set.of("field", "truncate", "expr"),
            OrderBy.class, Set.of("by", "direction"),
            Window.class, Set.of("function", "of", "partitionBy", "orderBy", "as"),
            Select.class, Set.of("expr", "as"),
            Aggregate.Of.class, Set.of("function", "field", "as"),
            Aggregate.Measure.class, Set.of("measure", "as"),
            Aggregate.Computed.class, Set.of("function", "value", "where", "percentile", "as"),
            Aggregate.Formula.class, Set.of("formula", "as"));

    private KnownConstructs() {
    }

    static void check(Query query) {
        known(query);
        query.groupBy().forEach(KnownConstructs::known);
        query.orderBy().forEach(KnownConstructs::known);
        query.windows().forEach(KnownConstructs::known);
        query.select().forEach(KnownConstructs::known);
        for (Aggregate a : query.aggregates()) {
            known((Record) a);
        }
    }

    private static void known(Record value) {
        Set<String> known = KNOWN.get(value.getClass());
        for (RecordComponent c : value.getClass().getRecordComponents()) {
            if (known != null && known.contains(c.getName())) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new Unsupported("cannot read " + c.getName());
            }
            if (!empty(v)) {
                throw new Unsupported("the " + c.getName() + " of a " + value.getClass().getSimpleName());
            }
        }
    }

    private static boolean empty(Object v) {
        return v == null || Boolean.FALSE.equals(v)
                || v instanceof Optional<?> o && o.isEmpty()
                || v instanceof OptionalInt o && o.isEmpty()
                || v instanceof OptionalLong o && o.isEmpty()
                || v instanceof OptionalDouble o && o.isEmpty()
                || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }
}
