package io.promoagent.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.DatePartName;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.Window;
import io.promoagent.schema.ir.WindowFunction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.QueryError;
import io.promoagent.schema.validate.Suggestions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Reads the JSON form of the IR strictly: an unknown property, a missing one or a value of the wrong
 * JSON type is an error with its path, never ignored or coerced. Collects every error it can.
 */
final class QueryReader {

    /** Deeper filters are refused while reading, before any recursion can exhaust the stack. */
    static final int MAX_DEPTH = 32;

    /** Numbers with more digits than this are refused: no business value needs them. */
    static final int MAX_NUMBER_DIGITS = 40;

    private final List<QueryError> errors = new ArrayList<>();

    List<QueryError> errors() {
        return errors;
    }

    Query query(JsonNode node, String path) {
        return query(node, path, 0);
    }

    private Query query(JsonNode node, String path, int depth) {
        if (!object(node, path)) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(QueryError.of(ErrorCode.FILTER_TOO_DEEP, path, "queries may nest at most " + MAX_DEPTH
                    + " levels deep"));
            return null;
        }
        int before = this.depth;
        this.depth = depth;
        try {
            return queryBody(node, path);
        } finally {
            this.depth = before;
        }
    }

    /** The nesting of the query being read, so that expressions and nested queries share one bound. */
    private int depth;

    private Query queryBody(JsonNode node, String path) {
        allowed(node, path, "entity", "fields", "where", "groupBy", "aggregates", "having", "orderBy", "limit",
                "select", "distinct", "windows");
        String entity = requiredText(node, "entity", path);
        List<String> fields = list(node, "fields", path, this::text);
        Filter where = node.has("where") ? filter(node.get("where"), path + ".where", 1) : null;
        List<GroupBy> groupBy = list(node, "groupBy", path, this::groupBy);
        List<Aggregate> aggregates = list(node, "aggregates", path, this::aggregate);
        Filter having = node.has("having") ? filter(node.get("having"), path + ".having", 1) : null;
        List<OrderBy> orderBy = list(node, "orderBy", path, this::orderBy);
        OptionalInt limit = OptionalInt.empty();
        JsonNode l = node.get("limit");
        if (l != null) {
            if (!isWhole(l, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                wrongType(path + ".limit", "a whole number", l);
            } else {
                limit = OptionalInt.of(l.intValue());
            }
        }
        List<Select> select = list(node, "select", path, this::select);
        boolean distinct = false;
        JsonNode d = node.get("distinct");
        if (d != null) {
            if (!d.isBoolean()) {
                wrongType(path + ".distinct", "true or false", d);
            } else {
                distinct = d.booleanValue();
            }
        }
        List<Window> windows = list(node, "windows", path, this::window);
        if (entity == null) {
            return null;
        }
        return new Query(entity, fields, Optional.ofNullable(where), groupBy, aggregates,
                Optional.ofNullable(having), orderBy, limit, select, distinct, windows);
    }

    private Select select(JsonNode node, String path) {
        if (!object(node, path)) {
            return null;
        }
        allowed(node, path, "expr", "as");
        Expr expr = requiredExpr(node, "expr", path, depth + 1);
        Optional<String> as = Optional.empty();
        if (node.has("as")) {
            String s = text(node.get("as"), path + ".as");
            if (s == null) {
                return null;
            }
            as = Optional.of(s);
        }
        return expr == null ? null : new Select(expr, as);
    }

    private Window window(JsonNode node, String path) {
        if (!object(node, path)) {
            return null;
        }
        allowed(node, path, "fn", "of", "partitionBy", "orderBy", "as");
        String fn = requiredText(node, "fn", path);
        WindowFunction function = null;
        if (fn != null) {
            function = WindowFunction.parse(fn).orElse(null);
            if (function == null) {
                errors.add(new QueryError(ErrorCode.UNKNOWN_FUNCTION, path + ".fn", "unknown window function '" + fn + "'",
                        Suggestions.rank(fn, Arrays.stream(WindowFunction.values()).map(WindowFunction::jsonName).toList())));
            }
        }
        Optional<String> of = Optional.empty();
        if (node.has("of")) {
            String s = text(node.get("of"), path + ".of");
            of = Optional.ofNullable(s);
        }
        List<String> partitionBy = list(node, "partitionBy", path, this::text);
        List<OrderBy> orderBy = list(node, "orderBy", path, this::orderBy);
        String as = requiredText(node, "as", path);
        return function == null || as == null ? null : new Window(function, of, partitionBy, orderBy, as);
    }

    /** The kinds of expression, each told apart by the property that names it (a related aggregate also has a value). */
    private static final List<String> EXPR_KINDS = List.of("related", "query", "datePart", "truncate", "daysBetween", "monthsBetween", "yearsBetween",
            "op", "coalesce", "column", "today", "field", "value");

    Expr expr(JsonNode node, String path, int level) {
        if (!object(node, path)) {
            return null;
        }
        if (level > MAX_DEPTH) {
            errors.add(QueryError.of(ErrorCode.FILTER_TOO_DEEP, path, "expressions may nest at most " + MAX_DEPTH
                    + " levels deep"));
            return null;
        }
        String kind = null;
        for (String k : EXPR_KINDS) {
            if (node.has(k)) {
                kind = k;
                break;
            }
        }
        if (kind == null) {
            errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path, "an expression has one of "
                    + String.join(", ", EXPR_KINDS)));
            return null;
        }
        switch (kind) {
            case "field": {
                allowed(node, path, "field");
                String f = text(node.get("field"), path + ".field");
                return f == null ? null : new Expr.FieldRef(f);
            }
            case "value": {
                allowed(node, path, "value");
                Object v = scalar(node.get("value"), path + ".value");
                return v == null ? null : new Expr.Literal(v);
            }
            case "today": {
                allowed(node, path, "today");
                JsonNode t = node.get("today");
                if (!t.isBoolean() || !t.booleanValue()) {
                    wrongType(path + ".today", "true", t);
                    return null;
                }
                return new Expr.Today();
            }
            case "column": {
                allowed(node, path, "column");
                String c = text(node.get("column"), path + ".column");
                return c == null ? null : new Expr.Column(c);
            }
            case "datePart": {
                allowed(node, path, "datePart", "of");
                String p = text(node.get("datePart"), path + ".datePart");
                Expr inner = requiredExpr(node, "of", path, level + 1);
                if (p == null) {
                    return null;
                }
                Optional<DatePartName> part = DatePartName.parse(p);
                if (part.isEmpty()) {
                    errors.add(new QueryError(ErrorCode.UNKNOWN_FUNCTION, path + ".datePart", "unknown date part '" + p + "'",
                            Suggestions.rank(p, Arrays.stream(DatePartName.values()).map(DatePartName::jsonName).toList())));
                    return null;
                }
                return inner == null ? null : new Expr.DatePart(part.get(), inner);
            }
            case "truncate": {
                allowed(node, path, "truncate", "of");
                String t = text(node.get("truncate"), path + ".truncate");
                Expr inner = requiredExpr(node, "of", path, level + 1);
                CalendarUnit unit = t == null ? null : CalendarUnit.parse(t).filter(u -> u.jsonName().equals(t)).orElse(null);
                if (t != null && unit == null) {
                    errors.add(new QueryError(ErrorCode.INVALID_TIME_RANGE, path + ".truncate", "unknown unit '" + t + "'",
                            Suggestions.rank(t, Arrays.stream(CalendarUnit.values()).map(CalendarUnit::jsonName).toList())));
                }
                return unit == null || inner == null ? null : new Expr.Truncate(unit, inner);
            }
            case "daysBetween":
            case "monthsBetween":
            case "yearsBetween": {
                allowed(node, path, kind);
                JsonNode d = node.get(kind);
                if (!object(d, path + "." + kind)) {
                    return null;
                }
                allowed(d, path + "." + kind, "from", "to");
                JsonNode from = required(d, "from", path + "." + kind);
                JsonNode to = required(d, "to", path + "." + kind);
                Expr f = from == null ? null : expr(from, path + "." + kind + ".from", level + 1);
                Expr t = to == null ? null : expr(to, path + "." + kind + ".to", level + 1);
                CalendarUnit unit = kind.equals("daysBetween") ? CalendarUnit.DAY
                        : kind.equals("monthsBetween") ? CalendarUnit.MONTH : CalendarUnit.YEAR;
                return f == null || t == null ? null : new Expr.Elapsed(unit, f, t);
            }
            case "op": {
                allowed(node, path, "op", "left", "right");
                String op = text(node.get("op"), path + ".op");
                JsonNode l = required(node, "left", path);
                JsonNode r = required(node, "right", path);
                Expr left = l == null ? null : expr(l, path + ".left", level + 1);
                Expr right = r == null ? null : expr(r, path + ".right", level + 1);
                if (op != null && (op.length() != 1 || "+-*/".indexOf(op.charAt(0)) < 0)) {
                    errors.add(new QueryError(ErrorCode.UNKNOWN_OPERATOR, path + ".op", "an arithmetic operator is +, -, * "
                            + "or /, not '" + op + "'", List.of("+", "-", "*", "/")));
                    return null;
                }
                return op == null || left == null || right == null ? null : new Expr.Arithmetic(op.charAt(0), left, right);
            }
            case "coalesce": {
                allowed(node, path, "coalesce");
                JsonNode c = node.get("coalesce");
                if (!array(c, path + ".coalesce")) {
                    return null;
                }
                if (c.isEmpty()) {
                    errors.add(QueryError.of(ErrorCode.WRONG_VALUE_COUNT, path + ".coalesce", "coalesce takes at least one value"));
                    return null;
                }
                List<Expr> values = new ArrayList<>();
                for (int i = 0; i < c.size(); i++) {
                    Expr e = expr(c.get(i), path + ".coalesce[" + i + "]", level + 1);
                    if (e == null) {
                        return null;
                    }
                    values.add(e);
                }
                return new Expr.Coalesce(values);
            }
            case "related": {
                allowed(node, path, "related", "fn", "value", "where");
                String via = text(node.get("related"), path + ".related");
                AggregateFunction fn = function(node, path);
                Expr value = node.has("value") ? expr(node.get("value"), path + ".value", level + 1) : null;
                Filter where = node.has("where") ? filter(node.get("where"), path + ".where", level + 1) : null;
                if (via == null || fn == null || (node.has("value") && value == null) || (node.has("where") && where == null)) {
                    return null;
                }
                return new Expr.RelatedAggregate(via, fn, Optional.ofNullable(value), Optional.ofNullable(where));
            }
            default: {
                allowed(node, path, "query");
                Query q = query(node.get("query"), path + ".query", level + 1);
                return q == null ? null : new Expr.Subquery(q);
            }
        }
    }

    /** The expression of the required property {@code name}, at {@code level}; null when missing (an error) or unreadable. */
    private Expr requiredExpr(JsonNode node, String name, String path, int level) {
        JsonNode e = required(node, name, path);
        return e == null ? null : expr(e, path + "." + name, level);
    }

    private AggregateFunction function(JsonNode node, String path) {
        String fn = requiredText(node, "fn", path);
        if (fn == null) {
            return null;
        }
        Optional<AggregateFunction> function = AggregateFunction.parse(fn);
        if (function.isEmpty()) {
            errors.add(new QueryError(ErrorCode.UNKNOWN_FUNCTION, path + ".fn", "unknown aggregate function '" + fn + "'",
                    Suggestions.rank(fn, Arrays.stream(AggregateFunction.values()).map(AggregateFunction::jsonName).toList())));
            return null;
        }
        return function.get();
    }

    private Filter test(JsonNode node, String path, int level) {
        allowed(node, path, "type", "left", "op", "right", "ignoreCase");
        Expr left = requiredExpr(node, "left", path, level + 1);
        Operator op = operator(node, path);
        boolean ignoreCase = ignoreCase(node, path);
        List<Expr> right = operands(node, "right", op, path, (n, p) -> expr(n, p, level + 1));
        if (left == null || op == null || right.size() < op.minValues() || right.size() > op.maxValues()) {
            return null;
        }
        return new Test(left, op, right, ignoreCase);
    }

    Filter filter(JsonNode node, String path, int depth) {
        if (!object(node, path)) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            errors.add(QueryError.of(ErrorCode.FILTER_TOO_DEEP, path,
                    "filters may nest at most " + MAX_DEPTH + " levels deep"));
            return null;
        }
        String type = requiredText(node, "type", path);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "and":
            case "or": {
                allowed(node, path, "type", "operands");
                required(node, "operands", path);
                List<Filter> operands = list(node, "operands", path, (operand, at) -> filter(operand, at, depth + 1));
                return type.equals("and") ? new And(operands) : new Or(operands);
            }
            case "not": {
                allowed(node, path, "type", "operand");
                JsonNode op = required(node, "operand", path);
                Filter operand = op == null ? null : filter(op, path + ".operand", depth + 1);
                return operand == null ? null : new Not(operand);
            }
            case "compare":
                return compare(node, path);
            case "within": {
                allowed(node, path, "type", "field", "range");
                String field = requiredText(node, "field", path);
                JsonNode r = required(node, "range", path);
                TimeRange range = r == null ? null : timeRange(r, path + ".range");
                return field == null || range == null ? null : new Within(field, range);
            }
            case "rule": {
                allowed(node, path, "type", "rule", "args");
                String rule = requiredText(node, "rule", path);
                Map<String, Object> args = new LinkedHashMap<>();
                JsonNode a = node.get("args");
                if (a != null && object(a, path + ".args")) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = a.properties().iterator(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        Object v = scalar(e.getValue(), path + ".args." + e.getKey());
                        if (v != null) {
                            args.put(e.getKey(), v);
                        }
                    }
                }
                return rule == null ? null : new RuleRef(rule, args);
            }
            case "related":
                return related(node, path, depth);
            case "test":
                return test(node, path, depth);
            default:
                errors.add(new QueryError(ErrorCode.UNKNOWN_PROPERTY, path + ".type",
                        "unknown filter type '" + type + "'",
                        Suggestions.rank(type, List.of("and", "or", "not", "compare", "within", "rule", "related", "test"))));
                return null;
        }
    }

    private Filter compare(JsonNode node, String path) {
        allowed(node, path, "type", "field", "op", "value", "ignoreCase");
        String field = requiredText(node, "field", path);
        Operator op = operator(node, path);
        boolean ignoreCase = ignoreCase(node, path);
        List<Object> values = operands(node, "value", op, path, this::scalar);
        if (field == null || op == null || values.size() < op.minValues() || values.size() > op.maxValues()) {
            return null;
        }
        return new Compare(field, op, values, ignoreCase);
    }

    private Operator operator(JsonNode node, String path) {
        String opName = requiredText(node, "op", path);
        Operator op = null;
        if (opName != null) {
            op = Operator.parse(opName).orElse(null);
            if (op == null) {
                errors.add(new QueryError(ErrorCode.UNKNOWN_OPERATOR, path + ".op", "unknown operator '" + opName + "'",
                        Suggestions.rank(opName, Arrays.stream(Operator.values()).map(Operator::jsonName).toList())));
            }
        }
        return op;
    }

    private boolean ignoreCase(JsonNode node, String path) {
        JsonNode ic = node.get("ignoreCase");
        if (ic != null) {
            if (ic.isBoolean()) {
                return ic.booleanValue();
            }
            wrongType(path + ".ignoreCase", "true or false", ic);
        }
        return false;
    }

    /** The values property {@code name} of a comparison: none, one, or an array for between and in. */
    private <T> List<T> operands(JsonNode node, String name, Operator op, String path,
                                 BiFunction<JsonNode, String, T> one) {
        List<T> values = new ArrayList<>();
        JsonNode v = node.get(name);
        String at = path + "." + name;
        if (op == null) {
            return values;
        }
        if (op.maxValues() == 0) {
            if (v != null) {
                errors.add(QueryError.of(ErrorCode.WRONG_VALUE_COUNT, at, op.jsonName() + " takes no value"));
            }
        } else if (v == null) {
            errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, at, op.jsonName() + " needs a value"));
        } else if (op == Operator.BETWEEN || op == Operator.IN) {
            values.addAll(list(node, name, path, one));
            if (v.isArray() && (v.size() < op.minValues() || v.size() > op.maxValues())) {
                errors.add(QueryError.of(ErrorCode.WRONG_VALUE_COUNT, at,
                        op == Operator.BETWEEN ? "between takes two values, low and high" : "in takes at least one value"));
            }
        } else {
            T x = one.apply(v, at);
            if (x != null) {
                values.add(x);
            }
        }
        return values;
    }

    private Filter related(JsonNode node, String path, int depth) {
        allowed(node, path, "type", "via", "where", "exists", "count");
        String via = requiredText(node, "via", path);
        Filter where = node.has("where") ? filter(node.get("where"), path + ".where", depth + 1) : null;
        JsonNode exists = node.get("exists");
        JsonNode count = node.get("count");
        CountCondition condition = null;
        if (exists != null && count != null) {
            errors.add(QueryError.of(ErrorCode.UNKNOWN_PROPERTY, path, "give either exists or count, not both"));
        } else if (exists != null) {
            if (!exists.isBoolean()) {
                wrongType(path + ".exists", "true or false", exists);
            } else {
                condition = exists.booleanValue() ? CountCondition.exists() : CountCondition.notExists();
            }
        } else if (count != null) {
            if (object(count, path + ".count")) {
                allowed(count, path + ".count", "op", "value");
                String opName = requiredText(count, "op", path + ".count");
                JsonNode n = required(count, "value", path + ".count");
                Operator op = opName == null ? null : Operator.parse(opName).orElse(null);
                Set<Operator> allowedOps = Set.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE);
                if (opName != null && (op == null || !allowedOps.contains(op))) {
                    errors.add(new QueryError(ErrorCode.UNKNOWN_OPERATOR, path + ".count.op",
                            "a count compares with eq, ne, gt, gte, lt or lte, not '" + opName + "'",
                            Suggestions.rank(opName, List.of("eq", "ne", "gt", "gte", "lt", "lte"))));
                    op = null;
                }
                if (n != null && !isWhole(n, 0, Long.MAX_VALUE)) {
                    wrongType(path + ".count.value", "a whole number of at least 0", n);
                    n = null;
                }
                if (op != null && n != null) {
                    condition = new CountCondition(op, n.longValue());
                }
            }
        } else {
            errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path,
                    "a related condition needs exists (true or false) or count"));
        }
        return via == null || condition == null ? null : new Related(via, Optional.ofNullable(where), condition);
    }

    TimeRange timeRange(JsonNode node, String path) {
        if (!object(node, path)) {
            return null;
        }
        String type = requiredText(node, "type", path);
        if (type == null) {
            return null;
        }
        switch (type) {
            case "last":
            case "next": {
                allowed(node, path, "type", "amount", "unit");
                JsonNode amount = required(node, "amount", path);
                CalendarUnit unit = unit(node, path);
                Integer n = null;
                if (amount != null) {
                    if (!isWhole(amount, 0, Integer.MAX_VALUE)) {
                        wrongType(path + ".amount", "a whole number of at least 0", amount);
                    } else {
                        n = amount.intValue();
                    }
                }
                if (n == null || unit == null) {
                    return null;
                }
                return type.equals("last") ? new TimeRange.Last(n, unit) : new TimeRange.Next(n, unit);
            }
            case "calendar": {
                allowed(node, path, "type", "unit", "offset");
                CalendarUnit unit = unit(node, path);
                int offset = 0;
                JsonNode o = node.get("offset");
                if (o != null) {
                    if (!isWhole(o, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                        wrongType(path + ".offset", "a whole number (0 this, -1 last, 1 next)", o);
                        return null;
                    }
                    offset = o.intValue();
                }
                return unit == null ? null : new TimeRange.Calendar(unit, offset);
            }
            case "rest_of": {
                allowed(node, path, "type", "unit");
                CalendarUnit unit = unit(node, path);
                return unit == null ? null : new TimeRange.RestOf(unit);
            }
            case "to_today":
                allowed(node, path, "type");
                return new TimeRange.ToToday();
            case "from_today":
                allowed(node, path, "type");
                return new TimeRange.FromToday();
            case "between": {
                allowed(node, path, "type", "from", "to");
                LocalDate from = date(required(node, "from", path), path + ".from");
                LocalDate to = date(required(node, "to", path), path + ".to");
                return from == null || to == null ? null : new TimeRange.Between(from, to);
            }
            default:
                errors.add(new QueryError(ErrorCode.INVALID_TIME_RANGE, path + ".type", "unknown time range type '" + type + "'",
                        Suggestions.rank(type, List.of("last", "next", "calendar", "rest_of", "to_today", "from_today", "between"))));
                return null;
        }
    }

    private CalendarUnit unit(JsonNode node, String path) {
        String u = requiredText(node, "unit", path);
        if (u == null) {
            return null;
        }
        Optional<CalendarUnit> unit = CalendarUnit.parse(u);
        if (unit.isEmpty() || !unit.get().jsonName().equals(u)) {
            errors.add(new QueryError(ErrorCode.INVALID_TIME_RANGE, path + ".unit", "unknown unit '" + u + "'",
                    Suggestions.rank(u, Arrays.stream(CalendarUnit.values()).map(CalendarUnit::jsonName).toList())));
            return null;
        }
        return unit.get();
    }

    private LocalDate date(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        String s = text(node, path);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(QueryError.of(ErrorCode.INVALID_DATE, path, "'" + s + "' is not a date as YYYY-MM-DD"));
            return null;
        }
    }

    private GroupBy groupBy(JsonNode node, String path) {
        if (!object(node, path)) {
            return null;
        }
        if (node.has("expr")) {
            allowed(node, path, "expr", "as");
            Expr expr = expr(node.get("expr"), path + ".expr", depth + 1);
            String as = requiredText(node, "as", path);
            return expr == null || as == null ? null : GroupBy.of(expr, as);
        }
        allowed(node, path, "field", "truncate");
        String field = requiredText(node, "field", path);
        CalendarUnit truncate = null;
        if (node.has("truncate")) {
            String t = text(node.get("truncate"), path + ".truncate");
            if (t != null) {
                truncate = CalendarUnit.parse(t).filter(u -> u.jsonName().equals(t)).orElse(null);
                if (truncate == null) {
                    errors.add(new QueryError(ErrorCode.INVALID_TIME_RANGE, path + ".truncate", "unknown unit '" + t + "'",
                            Suggestions.rank(t, Arrays.stream(CalendarUnit.values()).map(CalendarUnit::jsonName).toList())));
                    return null;
                }
            }
        }
        return field == null ? null : new GroupBy(field, Optional.ofNullable(truncate));
    }

    private Aggregate aggregate(JsonNode node, String path) {
        if (!object(node, path)) {
            return null;
        }
        Optional<String> as = Optional.empty();
        if (node.has("as")) {
            String s = text(node.get("as"), path + ".as");
            if (s == null) {
                return null;
            }
            as = Optional.of(s);
        }
        if (node.has("measure")) {
            allowed(node, path, "measure", "as");
            String m = text(node.get("measure"), path + ".measure");
            return m == null ? null : new Aggregate.Measure(m, as);
        }
        if (node.has("formula")) {
            allowed(node, path, "formula", "as");
            Expr formula = expr(node.get("formula"), path + ".formula", depth + 1);
            if (as.isEmpty()) {
                errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path + ".as", "a formula needs a name (as)"));
            }
            return formula == null || as.isEmpty() ? null : new Aggregate.Formula(formula, as.get());
        }
        if (node.has("value") || node.has("where") || node.has("p")) {
            return computed(node, path, as);
        }
        allowed(node, path, "fn", "field", "as");
        String fn = node.has("fn") ? text(node.get("fn"), path + ".fn") : null;
        if (!node.has("fn")) {
            errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path, "an aggregate needs fn (with a field) or measure"));
            return null;
        }
        if (fn == null) {
            return null;
        }
        Optional<AggregateFunction> function = AggregateFunction.parse(fn);
        if (function.isEmpty()) {
            errors.add(new QueryError(ErrorCode.UNKNOWN_FUNCTION, path + ".fn", "unknown aggregate function '" + fn + "'",
                    Suggestions.rank(fn, Arrays.stream(AggregateFunction.values()).map(AggregateFunction::jsonName).toList())));
            return null;
        }
        Optional<String> field = Optional.empty();
        if (node.has("field")) {
            String f = text(node.get("field"), path + ".field");
            if (f == null) {
                return null;
            }
            field = Optional.of(f);
        }
        return new Aggregate.Of(function.get(), field, as);
    }

    private Aggregate computed(JsonNode node, String path, Optional<String> as) {
        allowed(node, path, "fn", "field", "value", "where", "p", "as");
        AggregateFunction fn = function(node, path);
        if (node.has("field") && node.has("value")) {
            errors.add(QueryError.of(ErrorCode.UNKNOWN_PROPERTY, path + ".value", "give either field or value, not both"));
            return null;
        }
        Expr value = null;
        if (node.has("field")) {
            String f = text(node.get("field"), path + ".field");
            if (f == null) {
                return null;
            }
            value = new Expr.FieldRef(f);
        } else if (node.has("value")) {
            value = expr(node.get("value"), path + ".value", depth + 1);
            if (value == null) {
                return null;
            }
        }
        Filter where = node.has("where") ? filter(node.get("where"), path + ".where", depth + 1) : null;
        if (node.has("where") && where == null) {
            return null;
        }
        BigDecimal p = null;
        if (node.has("p")) {
            JsonNode pn = node.get("p");
            if (!pn.isNumber() || pn.decimalValue().signum() < 0 || pn.decimalValue().compareTo(BigDecimal.ONE) > 0) {
                wrongType(path + ".p", "a number from 0 to 1", pn);
                return null;
            }
            p = pn.decimalValue();
        }
        if (fn == null) {
            return null;
        }
        if (fn == AggregateFunction.PERCENTILE && p == null) {
            errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path + ".p", "percentile needs p, a fraction from 0 to 1"));
            return null;
        }
        if (fn != AggregateFunction.PERCENTILE && p != null) {
            errors.add(QueryError.of(ErrorCode.UNKNOWN_PROPERTY, path + ".p", "only percentile takes p"));
            return null;
        }
        return new Aggregate.Computed(fn, Optional.ofNullable(value), Optional.ofNullable(where), Optional.ofNullable(p), as);
    }

    private OrderBy orderBy(JsonNode node, String path) {
        if (!object(node, path)) {
            return null;
        }
        allowed(node, path, "by", "direction");
        String by = requiredText(node, "by", path);
        Direction direction = Direction.ASC;
        if (node.has("direction")) {
            String d = text(node.get("direction"), path + ".direction");
            if (d == null) {
                return null;
            }
            if (d.equals("asc")) {
                direction = Direction.ASC;
            } else if (d.equals("desc")) {
                direction = Direction.DESC;
            } else {
                errors.add(new QueryError(ErrorCode.WRONG_JSON_TYPE, path + ".direction", "direction is asc or desc, not '" + d + "'",
                        Suggestions.rank(d, List.of("asc", "desc"))));
                return null;
            }
        }
        return by == null ? null : new OrderBy(by, direction);
    }

    /** A scalar value: string, number (as BigDecimal) or boolean. */
    Object scalar(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            // refuse absurd exponents before setScale, which would build a number of that many digits
            if (d.precision() - d.scale() > MAX_NUMBER_DIGITS || d.scale() > MAX_NUMBER_DIGITS) {
                errors.add(QueryError.of(ErrorCode.WRONG_JSON_TYPE, path,
                        "the number has more than " + MAX_NUMBER_DIGITS + " digits before or after the point"));
                return null;
            }
            return d.scale() < 0 ? d.setScale(0) : d;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        wrongType(path, "a string, number or boolean", node);
        return null;
    }

    /** A number without a fraction within the bounds; {@code 30.0} counts, as YAML and some models write it. */
    private static boolean isWhole(JsonNode node, long min, long max) {
        if (!node.isNumber()) {
            return false;
        }
        BigDecimal d = node.decimalValue();
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return false;
        }
        try {
            long v = d.longValueExact();
            return v >= min && v <= max;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private boolean object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            wrongType(path, "an object", node);
            return false;
        }
        return true;
    }

    /**
     * The elements of the optional array property {@code name} of {@code node}, each read by {@code element}
     * at its own path; an element it cannot read is left out, its errors recorded.
     */
    private <T> List<T> list(JsonNode node, String name, String path, BiFunction<JsonNode, String, T> element) {
        List<T> out = new ArrayList<>();
        JsonNode items = node.get(name);
        if (items != null && array(items, path + "." + name)) {
            for (int i = 0; i < items.size(); i++) {
                T one = element.apply(items.get(i), path + "." + name + "[" + i + "]");
                if (one != null) {
                    out.add(one);
                }
            }
        }
        return out;
    }

    private boolean array(JsonNode node, String path) {
        if (!node.isArray()) {
            wrongType(path, "an array", node);
            return false;
        }
        return true;
    }

    private String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            wrongType(path, "a string", node);
            return null;
        }
        return node.textValue();
    }

    private JsonNode required(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path + "." + name, "'" + name + "' is required"));
            return null;
        }
        return v;
    }

    private String requiredText(JsonNode node, String name, String path) {
        JsonNode v = required(node, name, path);
        return v == null ? null : text(v, path + "." + name);
    }

    private void allowed(JsonNode node, String path, String... names) {
        Set<String> allowed = new TreeSet<>(Arrays.asList(names));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                errors.add(new QueryError(ErrorCode.UNKNOWN_PROPERTY, path + "." + name,
                        "unknown property '" + name + "'; allowed here: " + String.join(", ", allowed),
                        Suggestions.rank(name, List.copyOf(allowed))));
            }
        }
    }

    private void wrongType(String path, String expected, JsonNode actual) {
        String got = actual == null || actual.isNull() ? "null" : actual.getNodeType().name().toLowerCase();
        errors.add(QueryError.of(ErrorCode.WRONG_JSON_TYPE, path, "expected " + expected + ", got " + got));
    }
}
