package io.promoagent.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Direction;
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
        if (!object(node, path)) {
            return null;
        }
        allowed(node, path, "entity", "fields", "where", "groupBy", "aggregates", "having", "orderBy", "limit");
        String entity = requiredText(node, "entity", path);
        List<String> fields = new ArrayList<>();
        JsonNode f = node.get("fields");
        if (f != null && array(f, path + ".fields")) {
            for (int i = 0; i < f.size(); i++) {
                String s = text(f.get(i), path + ".fields[" + i + "]");
                if (s != null) {
                    fields.add(s);
                }
            }
        }
        Filter where = node.has("where") ? filter(node.get("where"), path + ".where", 1) : null;
        List<GroupBy> groupBy = new ArrayList<>();
        JsonNode g = node.get("groupBy");
        if (g != null && array(g, path + ".groupBy")) {
            for (int i = 0; i < g.size(); i++) {
                GroupBy gb = groupBy(g.get(i), path + ".groupBy[" + i + "]");
                if (gb != null) {
                    groupBy.add(gb);
                }
            }
        }
        List<Aggregate> aggregates = new ArrayList<>();
        JsonNode a = node.get("aggregates");
        if (a != null && array(a, path + ".aggregates")) {
            for (int i = 0; i < a.size(); i++) {
                Aggregate ag = aggregate(a.get(i), path + ".aggregates[" + i + "]");
                if (ag != null) {
                    aggregates.add(ag);
                }
            }
        }
        Filter having = node.has("having") ? filter(node.get("having"), path + ".having", 1) : null;
        List<OrderBy> orderBy = new ArrayList<>();
        JsonNode o = node.get("orderBy");
        if (o != null && array(o, path + ".orderBy")) {
            for (int i = 0; i < o.size(); i++) {
                OrderBy ob = orderBy(o.get(i), path + ".orderBy[" + i + "]");
                if (ob != null) {
                    orderBy.add(ob);
                }
            }
        }
        OptionalInt limit = OptionalInt.empty();
        JsonNode l = node.get("limit");
        if (l != null) {
            if (!isWhole(l, Integer.MIN_VALUE, Integer.MAX_VALUE)) {
                wrongType(path + ".limit", "a whole number", l);
            } else {
                limit = OptionalInt.of(l.intValue());
            }
        }
        if (entity == null) {
            return null;
        }
        return new Query(entity, fields, Optional.ofNullable(where), groupBy, aggregates,
                Optional.ofNullable(having), orderBy, limit);
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
                JsonNode ops = required(node, "operands", path);
                List<Filter> operands = new ArrayList<>();
                if (ops != null && array(ops, path + ".operands")) {
                    for (int i = 0; i < ops.size(); i++) {
                        Filter op = filter(ops.get(i), path + ".operands[" + i + "]", depth + 1);
                        if (op != null) {
                            operands.add(op);
                        }
                    }
                }
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
            default:
                errors.add(new QueryError(ErrorCode.UNKNOWN_PROPERTY, path + ".type",
                        "unknown filter type '" + type + "'",
                        Suggestions.rank(type, List.of("and", "or", "not", "compare", "within", "rule", "related"))));
                return null;
        }
    }

    private Filter compare(JsonNode node, String path) {
        allowed(node, path, "type", "field", "op", "value", "ignoreCase");
        String field = requiredText(node, "field", path);
        String opName = requiredText(node, "op", path);
        Operator op = null;
        if (opName != null) {
            op = Operator.parse(opName).orElse(null);
            if (op == null) {
                errors.add(new QueryError(ErrorCode.UNKNOWN_OPERATOR, path + ".op", "unknown operator '" + opName + "'",
                        Suggestions.rank(opName, Arrays.stream(Operator.values()).map(Operator::jsonName).toList())));
            }
        }
        boolean ignoreCase = false;
        JsonNode ic = node.get("ignoreCase");
        if (ic != null) {
            if (!ic.isBoolean()) {
                wrongType(path + ".ignoreCase", "true or false", ic);
            } else {
                ignoreCase = ic.booleanValue();
            }
        }
        List<Object> values = new ArrayList<>();
        JsonNode v = node.get("value");
        if (op != null) {
            if (op.maxValues() == 0) {
                if (v != null) {
                    errors.add(QueryError.of(ErrorCode.WRONG_VALUE_COUNT, path + ".value", op.jsonName() + " takes no value"));
                }
            } else if (v == null) {
                errors.add(QueryError.of(ErrorCode.MISSING_PROPERTY, path + ".value", op.jsonName() + " needs a value"));
            } else if (op == Operator.BETWEEN || op == Operator.IN) {
                if (array(v, path + ".value")) {
                    for (int i = 0; i < v.size(); i++) {
                        Object s = scalar(v.get(i), path + ".value[" + i + "]");
                        if (s != null) {
                            values.add(s);
                        }
                    }
                    if (v.size() < op.minValues() || v.size() > op.maxValues()) {
                        errors.add(QueryError.of(ErrorCode.WRONG_VALUE_COUNT, path + ".value",
                                op == Operator.BETWEEN ? "between takes two values, low and high"
                                        : "in takes at least one value"));
                    }
                }
            } else {
                Object s = scalar(v, path + ".value");
                if (s != null) {
                    values.add(s);
                }
            }
        }
        if (field == null || op == null || values.size() < op.minValues() || values.size() > op.maxValues()) {
            return null;
        }
        return new Compare(field, op, values, ignoreCase);
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
