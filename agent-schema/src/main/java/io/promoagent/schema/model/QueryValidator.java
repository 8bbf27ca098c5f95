package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Window;
import io.promoagent.schema.ir.WindowFunction;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.FieldResolver.Use;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks a query against a data model before any I/O: names, types, operators, values and sizes. Every
 * error carries a stable code, the JSON path of the offending value, one sentence and up to three ranked
 * suggestions, so that a model can repair its call.
 *
 * <p>{@link #validate} also returns the query in normal form, which is what an engine should run: enum
 * values written in another case or as a synonym become the canonical value ({@code "vip"} becomes
 * {@code "VIP"}, {@code "UK"} becomes {@code "GB"}), and a condition on a field reached through many-to-one
 * relationships ({@code customer.segment} on orders) becomes a {@code related} condition. Names are never
 * guessed: a wrong name is an error with suggestions.
 *
 * <p>Fields of visibility {@code hidden} may not be named by a query at all (returned, filtered, grouped,
 * aggregated or ordered by); predicates of the data model itself (rules, measure conditions, checked with
 * {@link #checkFilter}) may filter on them. {@code ui} fields are the business of access policy, not of
 * the validator.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class QueryValidator {

    /** How many validated queries a validator remembers, so that a query is checked once on its way. */
    private static final int REMEMBERED = 256;

    private final Context ctx;
    private final AtomicLong checks = new AtomicLong();
    private final Map<Query, ValidatedQuery> remembered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Query, ValidatedQuery> eldest) {
            return size() > REMEMBERED;
        }
    };

    private QueryValidator(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * The validator with {@link Limits#defaults()}, shared by everyone who validates against this model
     * (the planner, the query tool, the engine): a query it accepted is not checked again when it comes
     * back, as the same query or in its normal form.
     */
    public static QueryValidator of(DataModel model) {
        Objects.requireNonNull(model, "model");
        return model.defaultValidator();
    }

    public static QueryValidator of(DataModel model, Limits limits) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(limits, "limits");
        return new QueryValidator(Context.of(model, limits));
    }

    public DataModel model() {
        return ctx.model();
    }

    public Limits limits() {
        return ctx.limits();
    }

    /** How many queries this validator has checked (a query it remembered is not checked again). */
    public long checks() {
        return checks.get();
    }

    /** Every error of the query, in document order; empty when it is valid. */
    public List<QueryError> check(Query query) {
        if (remembered(query) != null) {
            return List.of();
        }
        try {
            checks.incrementAndGet();
            return new Run(query).errors.list();
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(failure(e));
        }
    }

    /**
     * The query in normal form ({@link #accept}{@code (query).query()}).
     *
     * @throws InvalidQueryException with every error, if the query does not fit the data model
     */
    public Query validate(Query query) {
        return accept(query).query();
    }

    /**
     * The query, checked, in normal form: the only way to a {@link ValidatedQuery}, which the engine runs
     * without checking it again. A query this validator accepted before (or its normal form) is not
     * checked again either.
     *
     * @throws InvalidQueryException with every error, if the query does not fit the data model
     */
    public ValidatedQuery accept(Query query) {
        ValidatedQuery known = remembered(query);
        if (known != null) {
            return known;
        }
        Run run;
        try {
            checks.incrementAndGet();
            run = new Run(query);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidQueryException(failure(e));
        }
        if (run.errors.size() > 0) {
            throw new InvalidQueryException(run.errors.list());
        }
        ValidatedQuery valid = new ValidatedQuery(run.normalised, ctx.model());
        synchronized (remembered) {
            remembered.put(query, valid);
            remembered.put(run.normalised, valid);
        }
        return valid;
    }

    /**
     * The query's earlier acceptance, or null. Looking it up hashes the whole query, which a query far deeper
     * than any valid one (a filter nested thousands of levels, built in code) cannot survive: such a query is
     * simply not known, and the check that follows refuses it.
     */
    private ValidatedQuery remembered(Query query) {
        if (query == null) {
            return null;
        }
        try {
            synchronized (remembered) {
                return remembered.get(query);
            }
        } catch (StackOverflowError e) {
            return null;
        }
    }

    /**
     * Reads a query from JSON text and validates it.
     *
     * @throws InvalidQueryException whatever is wrong with the text, and never any other exception
     */
    public Query validateJson(String json) {
        return acceptJson(json).query();
    }

    /**
     * Reads a query from JSON text and accepts it ({@link #accept}).
     *
     * @throws InvalidQueryException whatever is wrong with the text, and never any other exception
     */
    public ValidatedQuery acceptJson(String json) {
        Query query;
        try {
            JsonNode tree = QueryJson.parse(json);
            JsonNumbers.check(tree);
            query = QueryJson.read(tree);
        } catch (InvalidQueryException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidQueryException(failure(e));
        }
        return accept(query);
    }

    /**
     * Every error of a predicate of the data model: the condition of a rule or of a measure, over
     * {@code entity}, with {@code path} as the path of its root. Such a predicate may filter on hidden
     * fields, must write enum values exactly (nothing normalises it later), and is bounded only in depth.
     */
    public List<QueryError> checkFilter(String entity, Filter filter, String path) {
        return checkFilter(entity, filter, path, Mode.LIBRARY);
    }

    /** As {@link #checkFilter(String, Filter, String)}, for a rule's predicate, which may also test computed values. */
    List<QueryError> checkRule(String entity, Filter filter, String path) {
        return checkFilter(entity, filter, path, Mode.RULE);
    }

    private List<QueryError> checkFilter(String entity, Filter filter, String path, Mode mode) {
        String root = path == null ? "$" : path;
        try {
            Errors errors = new Errors();
            if (entity == null || ctx.model().entity(entity).isEmpty()) {
                errors.add(ErrorCode.UNKNOWN_ENTITY, root, "there is no entity " + q(entity),
                        ctx.names().entities(entity));
            } else if (filter == null) {
                errors.add(ErrorCode.MISSING_PROPERTY, root, "no filter was given");
            } else {
                new FilterChecker(ctx, mode, errors, new HashSet<>()).check(entity, filter, root, 1);
            }
            return errors.list();
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(failure(e));
        }
    }

    private static QueryError failure(Throwable e) {
        return QueryError.of(ErrorCode.VALIDATION_FAILED, "$", "the validator could not check this query ("
                + e.getClass().getSimpleName() + "); this is a defect of the library, please report it");
    }

    /** One check of one query, in document order: entity, fields, where, groups, aggregates, having, order, limit. */
    private final class Run {
        /** Nested queries nest at most this deep. */
        private static final int MAX_NESTING = 4;

        final Errors errors;
        final String root;
        final int nesting;
        Query normalised;
        /** The result's columns with their types, when the query is valid so far. */
        Map<String, Field> resultColumns = new LinkedHashMap<>();

        Run(Query q) {
            this(q, new Errors(), "$", 0);
        }

        Run(Query q, Errors errors, String root, int nesting) {
            this.errors = errors;
            this.root = root;
            this.nesting = nesting;
            if (q == null) {
                errors.add(ErrorCode.MISSING_PROPERTY, root, "no query was given");
                return;
            }
            String entity = q.entity();
            boolean known = ctx.model().entity(entity).isPresent();
            if (!known) {
                errors.add(ErrorCode.UNKNOWN_ENTITY, root + ".entity", "there is no entity " + q(entity) + "; there are "
                        + Text.list(ctx.model().entities().stream().map(e -> e.name()).toList()),
                        ctx.names().entities(entity));
            }
            if (known) {
                fields(q);
                select(q);
            }
            Optional<Filter> where = known
                    ? q.where().map(w -> filters().check(entity, w, root + ".where", 1))
                    : q.where();
            AggregateChecker.Columns columns = known
                    ? new AggregateChecker(ctx, errors, root, this::nested).check(entity, q.groupBy(), q.aggregates())
                    : new AggregateChecker.Columns(Map.of(), Map.of());
            Optional<Filter> having = q.having();
            if (having.isPresent() && !q.isAggregate()) {
                errors.add(ErrorCode.HAVING_WITHOUT_AGGREGATES, root + ".having", "having filters groups and aggregates, "
                        + "and this query has none; put conditions on records in where");
            } else if (having.isPresent() && known) {
                having = Optional.of(filters().having(having.get(), columns.types(), columns.words(), root + ".having", 1));
            }
            Map<String, Field> all = new LinkedHashMap<>(columns.types());
            Map<String, List<String>> words = new LinkedHashMap<>(columns.words());
            if (known) {
                windows(q, all, words);
                orderBy(q, new AggregateChecker.Columns(all, words));
            }
            if (q.limit().isPresent() && (q.limit().getAsInt() < 1 || q.limit().getAsInt() > ctx.limits().maxLimit())) {
                int max = ctx.limits().maxLimit();
                errors.add(ErrorCode.LIMIT_OUT_OF_RANGE, root + ".limit", "limit is between 1 and " + max + ", not "
                        + q.limit().getAsInt(), List.of(String.valueOf(q.limit().getAsInt() < 1 ? 1 : max)));
            }
            if (q.isAggregate()) {
                resultColumns = all;
            }
            normalised = new Query(entity, q.fields(), where, q.groupBy(), q.aggregates(), having, q.orderBy(), q.limit(),
                    q.select(), q.distinct(), q.windows());
        }

        private FilterChecker filters() {
            return new FilterChecker(ctx, Mode.QUERY, errors, new HashSet<>()).withNested(this::nested);
        }

        /** Checks a nested query; the type of its one column, or null after errors. */
        private FieldType nested(Query q, String path) {
            if (nesting >= MAX_NESTING) {
                errors.add(ErrorCode.FILTER_TOO_DEEP, path, "queries nest at most " + MAX_NESTING + " deep");
                return null;
            }
            int before = errors.size();
            Run inner = new Run(q, errors, path, nesting + 1);
            if (errors.size() > before || inner.normalised == null) {
                return null;
            }
            if (inner.resultColumns.size() != 1) {
                errors.add(ErrorCode.NESTED_QUERY_COLUMNS, path, "a nested query gives one value, so it returns one "
                        + "column; this one returns " + (inner.resultColumns.isEmpty() ? "its records' fields"
                        : Text.list(inner.resultColumns.keySet())), List.copyOf(inner.resultColumns.keySet()));
                return null;
            }
            return inner.resultColumns.values().iterator().next().type();
        }

        private void fields(Query q) {
            List<String> fields = q.fields();
            if (q.isAggregate() && !fields.isEmpty()) {
                errors.add(ErrorCode.FIELDS_WITH_AGGREGATES, root + ".fields", "a query with groupBy or aggregates "
                        + "returns its groups and aggregates; drop fields, or group by them");
                return;
            }
            if (fields.size() > ctx.limits().maxFields()) {
                errors.add(ErrorCode.TOO_MANY_ITEMS, root + ".fields", "a query returns at most "
                        + ctx.limits().maxFields() + " fields, not " + fields.size()
                        + "; leave fields empty to return every field");
            }
            for (int i = 0; i < Math.min(fields.size(), ctx.limits().maxFields()) && !errors.isFull(); i++) {
                FieldPath p = ctx.fields().resolve(q.entity(), fields.get(i), root + ".fields[" + i + "]", Use.RETURN,
                        Mode.QUERY, errors);
                if (p != null) {
                    resultColumns.put(fields.get(i), p.field());
                }
            }
        }

        private void select(Query q) {
            if (q.select().isEmpty()) {
                return;
            }
            if (q.isAggregate()) {
                errors.add(ErrorCode.FIELDS_WITH_AGGREGATES, root + ".select", "a query with groupBy or aggregates "
                        + "returns its groups and aggregates; group by an expression instead of selecting it");
                return;
            }
            if (q.select().size() > ctx.limits().maxFields()) {
                errors.add(ErrorCode.TOO_MANY_ITEMS, root + ".select", "a query returns at most "
                        + ctx.limits().maxFields() + " columns, not " + q.select().size());
                return;
            }
            ExprChecker exprs = new ExprChecker(ctx, errors, this::nested);
            for (int i = 0; i < q.select().size() && !errors.isFull(); i++) {
                Select s = q.select().get(i);
                String path = root + ".select[" + i + "]";
                if (s.as().isEmpty() && !(s.expr() instanceof Expr.FieldRef)) {
                    errors.add(ErrorCode.MISSING_PROPERTY, path + ".as", "a computed column needs a name (as)");
                    continue;
                }
                if (s.as().isPresent() && (s.as().get().isBlank() || s.as().get().length() > AggregateChecker.MAX_ALIAS)) {
                    errors.add(ErrorCode.WRONG_VALUE_TYPE, path + ".as", "an alias is a name of 1 to "
                            + AggregateChecker.MAX_ALIAS + " characters");
                    continue;
                }
                FieldType t = exprs.type(q.entity(), null, s.expr(), path + ".expr", 1);
                if (t == null) {
                    continue;
                }
                if (resultColumns.containsKey(s.alias())) {
                    errors.add(ErrorCode.DUPLICATE_ALIAS, path + (s.as().isPresent() ? ".as" : ".expr"),
                            "two columns are named " + q(s.alias()) + "; name one differently with as");
                    continue;
                }
                resultColumns.put(s.alias(), Field.of(s.alias(), t));
            }
        }

        private void windows(Query q, Map<String, Field> columns, Map<String, List<String>> words) {
            for (int i = 0; i < q.windows().size() && !errors.isFull(); i++) {
                Window w = q.windows().get(i);
                String path = root + ".windows[" + i + "]";
                if (!q.isAggregate()) {
                    errors.add(ErrorCode.WINDOW_NEEDS_GROUPS, path, "a window is computed over the rows of a grouped "
                            + "result; give the query groupBy and aggregates", List.of("groupBy", "aggregates"));
                    return;
                }
                FieldType type = FieldType.NUMBER;
                if (w.function().needsColumn()) {
                    if (w.of().isEmpty()) {
                        errors.add(ErrorCode.MISSING_PROPERTY, path + ".of", w.function().jsonName()
                                + " needs the column it is computed from (of)", List.copyOf(columns.keySet()));
                        continue;
                    }
                    Field of = columns.get(w.of().get());
                    if (of == null) {
                        errors.add(ErrorCode.UNKNOWN_ALIAS, path + ".of", q(w.of().get()) + " is none of the result's "
                                + "columns " + Text.list(columns.keySet()), Names.among(w.of().get(), words));
                        continue;
                    }
                    if (!of.type().isNumeric() && w.function() != WindowFunction.PREVIOUS) {
                        errors.add(ErrorCode.NOT_AGGREGATABLE, path + ".of", w.function().jsonName() + " needs a number "
                                + "column; " + q(w.of().get()) + " is " + Text.lower(of.type()));
                        continue;
                    }
                    if (w.function() == WindowFunction.PREVIOUS) {
                        type = of.type();
                    }
                } else if (w.of().isPresent()) {
                    errors.add(ErrorCode.UNKNOWN_PROPERTY, path + ".of", w.function().jsonName() + " ranks by orderBy "
                            + "and takes no of", List.of("orderBy"));
                    continue;
                }
                if (w.function().needsOrder() && w.orderBy().isEmpty()) {
                    errors.add(ErrorCode.MISSING_PROPERTY, path + ".orderBy", w.function().jsonName()
                            + " needs the order of the rows (orderBy)", List.copyOf(columns.keySet()));
                    continue;
                }
                boolean ok = true;
                for (int j = 0; j < w.partitionBy().size(); j++) {
                    ok &= known(columns, words, w.partitionBy().get(j), path + ".partitionBy[" + j + "]");
                }
                for (int j = 0; j < w.orderBy().size(); j++) {
                    ok &= known(columns, words, w.orderBy().get(j).by(), path + ".orderBy[" + j + "].by");
                }
                if (!ok) {
                    continue;
                }
                if (columns.containsKey(w.as()) || w.as().isBlank() || w.as().length() > AggregateChecker.MAX_ALIAS) {
                    errors.add(ErrorCode.DUPLICATE_ALIAS, path + ".as", "a window needs a new column name of 1 to "
                            + AggregateChecker.MAX_ALIAS + " characters; " + q(w.as()) + " is taken or not a name");
                    continue;
                }
                columns.put(w.as(), Field.of(w.as(), type));
                words.put(w.as(), List.of(w.function().jsonName()));
            }
        }

        private boolean known(Map<String, Field> columns, Map<String, List<String>> words, String name, String path) {
            if (columns.containsKey(name)) {
                return true;
            }
            errors.add(ErrorCode.UNKNOWN_ALIAS, path, q(name) + " is none of the result's columns "
                    + Text.list(columns.keySet()), Names.among(name, words));
            return false;
        }

        private void orderBy(Query q, AggregateChecker.Columns columns) {
            List<OrderBy> order = q.orderBy();
            if (order.size() > ctx.limits().maxFields()) {
                errors.add(ErrorCode.TOO_MANY_ITEMS, root + ".orderBy", "a query orders by at most "
                        + ctx.limits().maxFields() + " keys, not " + order.size());
            }
            for (int i = 0; i < Math.min(order.size(), ctx.limits().maxFields()) && !errors.isFull(); i++) {
                String by = order.get(i).by();
                String path = root + ".orderBy[" + i + "].by";
                if (!q.isAggregate()) {
                    boolean selected = q.select().stream().anyMatch(s -> s.alias().equals(by));
                    if (!selected) {
                        ctx.fields().resolve(q.entity(), by, path, Use.ORDER, Mode.QUERY, errors);
                    }
                } else if (!columns.types().containsKey(by)) {
                    errors.add(ErrorCode.UNKNOWN_ALIAS, path, "a query with groupBy or aggregates orders by its "
                                    + "groups and aggregates; " + q(by) + " is none of " + Text.list(columns.types().keySet()),
                            Names.among(by, columns.words()));
                }
            }
        }
    }

    /** Numbers in JSON so large or small that merely reading them as exact decimals would take too long. */
    private static final class JsonNumbers {
        private static final int MAX_EXPONENT = 1000;

        static void check(JsonNode tree) {
            Errors errors = new Errors();
            walk(tree, "$", errors, 0);
            if (errors.size() > 0) {
                throw new InvalidQueryException(errors.list());
            }
        }

        private static void walk(JsonNode node, String path, Errors errors, int depth) {
            if (depth > 256 || errors.isFull()) {
                return;
            }
            if (node.isFloatingPointNumber()) {
                java.math.BigDecimal d = node.decimalValue();
                if (Math.abs((long) d.scale()) > MAX_EXPONENT || Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT) {
                    errors.add(ErrorCode.WRONG_VALUE_TYPE, path, "the number " + Text.value(d) + " is out of range");
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), path + "[" + i + "]", errors, depth + 1);
                }
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    walk(e.getValue(), path + "." + e.getKey(), errors, depth + 1);
                }
            }
        }
    }
}
