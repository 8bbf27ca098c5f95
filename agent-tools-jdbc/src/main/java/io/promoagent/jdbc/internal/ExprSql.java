package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Navigation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles the expressions of query IR 2.0 to SQL values with the reference evaluator's meaning: an
 * expression over an absent value is absent (NULL); a field of a related record is read through a
 * correlated subquery to the first related record; date parts and elapsed time are computed on the UTC
 * day, months and years counted as completed units exactly as {@code java.time} counts them; arithmetic
 * over numbers is exact. Constants are bind parameters.
 *
 * A division is rounded as the library rounds it ({@link Division}).
 *
 * <p>A nested query's value is an uncorrelated scalar subquery ({@link NestedQuery}) when its statement
 * computes the value itself; otherwise the engine runs the query.
 */
final class ExprSql {

    /** Stands for the operand in a SQL template; never part of SQL a statement sends. */
    private static final String HOLE = "\u0001";

    private final Mapping mapping;
    private final Aliases aliases;
    private final FilterSql filters;
    private final QueryContext context;

    ExprSql(Mapping mapping, Aliases aliases, FilterSql filters, QueryContext context) {
        this.mapping = mapping;
        this.aliases = aliases;
        this.filters = filters;
        this.context = context;
    }

    SqlValue compile(Expr e, Scope scope) {
        if (e instanceof Expr.FieldRef f) {
            return field(f.field(), scope);
        }
        if (e instanceof Expr.Column c) {
            if (!(scope instanceof Scope.OfAliases)) {
                throw new Unsupported("a result column outside having");
            }
            return SqlValue.of(scope.column(c.name()).orElseThrow(() -> new Unsupported("no column " + c.name())));
        }
        if (e instanceof Expr.Literal l) {
            return literal(l.value());
        }
        if (e instanceof Expr.Today) {
            return new SqlValue(new Sql().append("CAST(").param(context.today(), DbType.DATE).append(" AS date)"),
                    DbType.DATE, FieldType.DATE);
        }
        if (e instanceof Expr.DatePart d) {
            return datePart(d, scope);
        }
        if (e instanceof Expr.Truncate t) {
            Optional<Sql> day = day(t.of(), scope);
            boolean aDay = t.unit() == CalendarUnit.DAY || t.unit() == CalendarUnit.WEEK;
            Sql sql = day.map(d -> fill(Dates.truncated(HOLE, t.unit()), d)).orElseGet(() -> new Sql().append("CAST(NULL AS text)"));
            return new SqlValue(sql, DbType.TEXT, aDay ? FieldType.DATE : FieldType.STRING);
        }
        if (e instanceof Expr.Elapsed d) {
            return elapsed(d, scope);
        }
        if (e instanceof Expr.Arithmetic a) {
            SqlValue l = compile(a.left(), scope);
            SqlValue r = compile(a.right(), scope);
            if (l.kind() != BigDecimal.class || r.kind() != BigDecimal.class) {
                return SqlValue.absentNumber();
            }
            if (a.op() == '/') {
                return number(Division.sql(l.sql(), r.sql()));
            }
            return new SqlValue(new Sql().append("(").append(l.sql()).append(" " + a.op() + " ").append(r.sql()).append(")"),
                    DbType.NUMERIC, FieldType.NUMBER);
        }
        if (e instanceof Expr.Coalesce c) {
            return coalesce(c, scope);
        }
        if (e instanceof Expr.RelatedAggregate r && scope instanceof Scope.OfEntity entity) {
            return related(r, entity);
        }
        if (e instanceof Expr.Subquery q) {
            return NestedQuery.compile(mapping, context, q.query());
        }
        throw new Unsupported("an expression of kind " + e.getClass().getSimpleName());
    }

    private SqlValue field(String name, Scope scope) {
        if (!(scope instanceof Scope.OfEntity entity)) {
            return SqlValue.of(scope.column(name).orElseThrow(() -> new Unsupported("no column " + name)));
        }
        FieldPath path = FieldPath.require(mapping.model(), entity.entity().name(), name);
        return hop(entity.entity(), entity.alias(), path, 0);
    }

    /** The path's field read from the record {@code alias} of {@code at}, {@code from} hops along the path. */
    private SqlValue hop(Entity at, String alias, FieldPath path, int from) {
        if (from == path.hops().size()) {
            return SqlValue.of(new Scope.OfEntity(mapping, at, alias).column(path.field().name()).orElseThrow());
        }
        Navigation hop = path.hops().get(from);
        Entity next = owned(hop.to());
        String inner = aliases.next(mapping.table(next));
        SqlValue value = hop(next, inner, path, from + 1);
        Sql sql = new Sql().append("(SELECT ").append(value.sql()).append(" FROM " + Sql.quote(mapping.table(next))
                + " AS " + inner + " WHERE " + join(at, alias, hop, next, inner) + " LIMIT 1)");
        return new SqlValue(sql, value.dbType(), value.fieldType());
    }

    /** The condition that record {@code toAlias} is related to record {@code fromAlias} through {@code hop}. */
    private String join(Entity from, String fromAlias, Navigation hop, Entity to, String toAlias) {
        if (mapping.type(from, hop.localField()) != mapping.type(to, hop.remoteField())) {
            return "FALSE"; // values of different types are never the same value
        }
        return mapping.expression(to, toAlias, hop.remoteField()) + " = " + mapping.expression(from, fromAlias, hop.localField());
    }

    private Entity owned(String name) {
        Entity e = mapping.model().requireEntity(name);
        if (!mapping.owns(e)) {
            throw new Unsupported("entity '" + name + "' lives in another source");
        }
        return e;
    }

    private static SqlValue literal(Object v) {
        if (v instanceof BigDecimal d) {
            return new SqlValue(new Sql().append("CAST(").param(d, DbType.NUMERIC).append(" AS numeric)"),
                    DbType.NUMERIC, FieldType.NUMBER);
        }
        if (v instanceof Boolean b) {
            return new SqlValue(new Sql().append("CAST(").param(b, DbType.BOOLEAN).append(" AS boolean)"),
                    DbType.BOOLEAN, FieldType.BOOLEAN);
        }
        String s = (String) v;
        if (s.indexOf('\0') >= 0) {
            throw new Unsupported("a constant PostgreSQL text cannot hold");
        }
        return new SqlValue(new Sql().append("CAST(").param(s, DbType.TEXT).append(" AS text)"), DbType.TEXT, FieldType.STRING);
    }

    /** The UTC day of a date or timestamp value as a SQL date; empty when the value is no date (then absent). */
    private Optional<Sql> day(Expr e, Scope scope) {
        if (e instanceof Expr.Literal l) {
            Optional<LocalDate> d = Values.dateOf(l.value());
            return d.map(x -> new Sql().append("CAST(").param(x, DbType.DATE).append(" AS date)"));
        }
        SqlValue v = compile(e, scope);
        if (v.fieldType() != FieldType.DATE && v.fieldType() != FieldType.TIMESTAMP) {
            if (v.kind() != String.class) {
                return Optional.empty();
            }
            throw new Unsupported("the date of a text value");
        }
        return Optional.of(fill(Dates.day(HOLE, v.dbType()), v.sql()));
    }

    private SqlValue datePart(Expr.DatePart d, Scope scope) {
        boolean weekend = d.part() == io.promoagent.schema.ir.DatePartName.WEEKEND;
        Optional<Sql> day = day(d.of(), scope);
        if (day.isEmpty()) {
            return weekend ? new SqlValue(new Sql().append("CAST(NULL AS boolean)"), DbType.BOOLEAN, FieldType.BOOLEAN)
                    : SqlValue.absentNumber();
        }
        String template = switch (d.part()) {
            case YEAR -> "CAST(extract(year FROM " + HOLE + ") AS numeric)";
            case QUARTER -> "CAST(extract(quarter FROM " + HOLE + ") AS numeric)";
            case MONTH -> "CAST(extract(month FROM " + HOLE + ") AS numeric)";
            case ISO_WEEK -> "CAST(extract(week FROM " + HOLE + ") AS numeric)";
            case DAY -> "CAST(extract(day FROM " + HOLE + ") AS numeric)";
            case DAY_OF_WEEK -> "CAST(extract(isodow FROM " + HOLE + ") AS numeric)";
            case WEEKEND -> "(extract(isodow FROM " + HOLE + ") >= 6)";
        };
        return weekend ? new SqlValue(fill(template, day.get()), DbType.BOOLEAN, FieldType.BOOLEAN)
                : new SqlValue(fill(template, day.get()), DbType.NUMERIC, FieldType.NUMBER);
    }

    /** Days exactly; months as {@code java.time} counts them (packed month and day, divided by 32); years as months / 12. */
    private SqlValue elapsed(Expr.Elapsed d, Scope scope) {
        Optional<Sql> from = day(d.from(), scope);
        Optional<Sql> to = day(d.to(), scope);
        if (from.isEmpty() || to.isEmpty()) {
            return SqlValue.absentNumber();
        }
        Sql sql = new Sql();
        if (d.unit() == CalendarUnit.DAY) {
            sql.append("CAST((").append(to.get()).append(" - ").append(from.get()).append(") AS numeric)");
        } else {
            Sql months = new Sql().append("div(").append(packed(to.get())).append(" - ").append(packed(from.get()))
                    .append(", 32)");
            if (d.unit() == CalendarUnit.YEAR) {
                sql.append("div(").append(months).append(", 12)");
            } else {
                sql.append(months);
            }
        }
        return new SqlValue(sql, DbType.NUMERIC, FieldType.NUMBER);
    }

    private static Sql packed(Sql day) {
        return fill("((extract(year FROM " + HOLE + ") * 12 + extract(month FROM " + HOLE + ")) * 32 + extract(day FROM "
                + HOLE + "))", day);
    }

    private SqlValue coalesce(Expr.Coalesce c, Scope scope) {
        List<SqlValue> values = new ArrayList<>();
        for (Expr e : c.values()) {
            values.add(compile(e, scope));
        }
        Class<?> kind = values.get(0).kind();
        if (values.stream().anyMatch(v -> v.kind() != kind)) {
            throw new Unsupported("coalesce over values of different kinds");
        }
        boolean sameType = values.stream().allMatch(v -> v.dbType() == values.get(0).dbType()
                && v.fieldType() == values.get(0).fieldType());
        Sql sql = new Sql().append("coalesce(");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(sameType ? values.get(i).sql() : text(values.get(i)));
        }
        sql.append(")");
        return sameType ? new SqlValue(sql, values.get(0).dbType(), values.get(0).fieldType())
                : new SqlValue(sql, DbType.TEXT, FieldType.STRING);
    }

    /**
     * An aggregate over the records reached from this one: the last hop's table, each record once, tied to
     * this record through an {@code EXISTS} per earlier hop.
     */
    private SqlValue related(Expr.RelatedAggregate r, Scope.OfEntity scope) {
        String[] hops = r.via().split("\\.");
        List<Navigation> navs = new ArrayList<>();
        List<Entity> entities = new ArrayList<>();
        String at = scope.entity().name();
        for (String name : hops) {
            String from = at;
            Navigation nav = mapping.model().navigation(at, name)
                    .orElseThrow(() -> new Unsupported("no relationship " + name + " from " + from));
            navs.add(nav);
            entities.add(owned(nav.to()));
            at = nav.to();
        }
        Entity target = entities.get(entities.size() - 1);
        Scope.OfEntity inner = new Scope.OfEntity(mapping, target, aliases.next(mapping.table(target)));
        Sql where = new Sql().append(reached(scope, navs, entities, navs.size() - 1, inner.alias()));
        if (r.where().isPresent()) {
            Filter prepared = context.preparation().prepare(target.name(), r.where().get());
            where.append(" AND ");
            filters.compile(prepared, inner, where);
        }
        Optional<SqlValue> value = r.value().map(v -> compile(v, inner));
        SqlValue aggregate;
        if (r.function() == AggregateFunction.AVG) {
            // the sum over the count of the numbers, divided as the library divides
            SqlValue v = value.orElseThrow(() -> new Unsupported("avg without a value"));
            aggregate = v.kind() != BigDecimal.class ? SqlValue.absentNumber()
                    : number(Division.sql(aggregate(AggregateFunction.SUM, value, Optional.empty(), Optional.empty()).sql(),
                    aggregate(AggregateFunction.COUNT, value, Optional.empty(), Optional.empty()).sql()));
        } else {
            aggregate = aggregate(r.function(), value, Optional.empty(), Optional.empty());
        }
        Sql sql = new Sql().append("(SELECT ").append(aggregate.sql()).append(" FROM " + Sql.quote(mapping.table(target))
                + " AS " + inner.alias() + " WHERE ").append(where).append(")");
        return new SqlValue(sql, aggregate.dbType(), aggregate.fieldType());
    }

    /** The condition that record {@code alias} (of hop {@code i}'s entity) is reached from the scope's record. */
    private String reached(Scope.OfEntity scope, List<Navigation> navs, List<Entity> entities, int i, String alias) {
        if (i == 0) {
            return join(scope.entity(), scope.alias(), navs.get(0), entities.get(0), alias);
        }
        Entity before = entities.get(i - 1);
        String b = aliases.next(mapping.table(before));
        return "EXISTS (SELECT 1 FROM " + Sql.quote(mapping.table(before)) + " AS " + b + " WHERE "
                + join(before, b, navs.get(i), entities.get(i), alias) + " AND " + reached(scope, navs, entities, i - 1, b) + ")";
    }

    /**
     * An aggregate function over a value, with the reference evaluator's meaning: counts count present
     * values, a sum over no numbers is absent, text orders by code point, booleans false before true, and
     * a median or percentile interpolates exactly between the two nearest values.
     *
     * @param condition the records counted, when not all ({@code FILTER (WHERE ...)})
     * @param fraction  the percentile's fraction; 0.5 for a median
     */
    static SqlValue aggregate(AggregateFunction fn, Optional<SqlValue> value, Optional<Sql> condition,
                              Optional<BigDecimal> fraction) {
        Sql filter = condition.map(c -> new Sql().append(" FILTER (WHERE ").append(c).append(")")).orElseGet(Sql::new);
        if (value.isEmpty()) {
            if (fn != AggregateFunction.COUNT) {
                throw new Unsupported(fn + " without a value");
            }
            return number(new Sql().append("CAST(count(*)").append(filter).append(" AS numeric)"));
        }
        SqlValue v = value.get();
        boolean numeric = v.kind() == BigDecimal.class;
        switch (fn) {
            case COUNT:
                return number(new Sql().append("CAST(count(").append(v.sql()).append(")").append(filter).append(" AS numeric)"));
            case COUNT_DISTINCT:
                return number(new Sql().append("CAST(count(DISTINCT ").append(v.sql()).append(")").append(filter)
                        .append(" AS numeric)"));
            case SUM:
                return numeric ? number(new Sql().append("sum(").append(v.sql()).append(")").append(filter)) : SqlValue.absentNumber();
            case MIN:
            case MAX: {
                boolean min = fn == AggregateFunction.MIN;
                Sql sql = new Sql();
                if (v.kind() == Boolean.class) {
                    sql.append(min ? "bool_and(" : "bool_or(").append(v.sql()).append(")");
                } else if (v.dbType() == DbType.TEXT) {
                    sql.append(min ? "min(" : "max(").append(v.sql()).append(" COLLATE \"C\")");
                } else {
                    sql.append(min ? "min(" : "max(").append(v.sql()).append(")");
                }
                return new SqlValue(sql.append(filter), v.dbType(), v.fieldType());
            }
            case MEDIAN:
            case PERCENTILE:
                return numeric ? percentile(v.sql(), condition, fraction.orElse(new BigDecimal("0.5")))
                        : SqlValue.absentNumber();
            default:
                throw new Unsupported("aggregate function " + fn + " here");
        }
    }

    /**
     * {@code Values.percentile} in SQL: the values sorted into an array, the position {@code p * (n - 1)},
     * the value there plus the fraction of the step to the next one (all exact numeric arithmetic).
     */
    private static SqlValue percentile(Sql value, Optional<Sql> condition, BigDecimal p) {
        Sql present = new Sql().append(value).append(" IS NOT NULL");
        condition.ifPresent(c -> present.append(" AND ").append(c));
        Sql values = new Sql().append("(array_agg(").append(value).append(" ORDER BY ").append(value)
                .append(") FILTER (WHERE ").append(present).append("))");
        Sql count = new Sql().append("count(").append(value).append(")").append(condition
                .map(c -> new Sql().append(" FILTER (WHERE ").append(c).append(")")).orElseGet(Sql::new));
        Sql position = new Sql().append("(CAST(").param(p, DbType.NUMERIC).append(" AS numeric) * (").append(count).append(" - 1))");
        Sql low = new Sql().append(values).append("[CAST(floor(").append(position).append(") AS integer) + 1]");
        Sql high = new Sql().append(values).append("[CAST(floor(").append(position).append(") AS integer) + 2]");
        Sql sql = new Sql().append("(CASE WHEN ").append(count).append(" = 0 THEN NULL WHEN ").append(position)
                .append(" = floor(").append(position).append(") THEN ").append(low).append(" ELSE ").append(low)
                .append(" + (").append(high).append(" - ").append(low).append(") * (").append(position)
                .append(" - floor(").append(position).append(")) END)");
        return number(sql);
    }

    private static SqlValue number(Sql sql) {
        return new SqlValue(sql, DbType.NUMERIC, FieldType.NUMBER);
    }

    /** A value as the text the reference evaluator sees for it (dates as {@code YYYY-MM-DD}, ...). */
    static Sql text(SqlValue v) {
        if (v.dbType() == DbType.TEXT) {
            return v.sql();
        }
        return fill(CompareSql.asText(new Column(HOLE, v.dbType(), v.fieldType())), v.sql());
    }

    /** {@code template} with every hole filled with {@code operand} (its parameters repeated in order). */
    static Sql fill(String template, Sql operand) {
        Sql out = new Sql();
        int at = 0;
        int hole;
        while ((hole = template.indexOf(HOLE, at)) >= 0) {
            out.append(template.substring(at, hole)).append(operand);
            at = hole + HOLE.length();
        }
        return out.append(template.substring(at));
    }
}
