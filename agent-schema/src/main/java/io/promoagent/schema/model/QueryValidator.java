package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.FieldResolver.Use;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    private final Context ctx;

    private QueryValidator(Context ctx) {
        this.ctx = ctx;
    }

    /** A validator with {@link Limits#defaults()}. */
    public static QueryValidator of(DataModel model) {
        return of(model, Limits.defaults());
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

    /** Every error of the query, in document order; empty when it is valid. */
    public List<QueryError> check(Query query) {
        try {
            return new Run(query).errors.list();
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(failure(e));
        }
    }

    /**
     * The query in normal form.
     *
     * @throws InvalidQueryException with every error, if the query does not fit the data model
     */
    public Query validate(Query query) {
        Run run;
        try {
            run = new Run(query);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidQueryException(failure(e));
        }
        if (run.errors.size() > 0) {
            throw new InvalidQueryException(run.errors.list());
        }
        return run.normalised;
    }

    /**
     * Reads a query from JSON text and validates it.
     *
     * @throws InvalidQueryException whatever is wrong with the text, and never any other exception
     */
    public Query validateJson(String json) {
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
        return validate(query);
    }

    /**
     * Every error of a predicate of the data model: the condition of a rule or of a measure, over
     * {@code entity}, with {@code path} as the path of its root. Such a predicate may filter on hidden
     * fields, must write enum values exactly (nothing normalises it later), and is bounded only in depth.
     */
    public List<QueryError> checkFilter(String entity, Filter filter, String path) {
        String root = path == null ? "$" : path;
        try {
            Errors errors = new Errors();
            if (entity == null || ctx.model().entity(entity).isEmpty()) {
                errors.add(ErrorCode.UNKNOWN_ENTITY, root, "there is no entity " + q(entity),
                        ctx.names().entities(entity));
            } else if (filter == null) {
                errors.add(ErrorCode.MISSING_PROPERTY, root, "no filter was given");
            } else {
                new FilterChecker(ctx, Mode.LIBRARY, errors, new HashSet<>()).check(entity, filter, root, 1);
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
        final Errors errors = new Errors();
        Query normalised;

        Run(Query q) {
            if (q == null) {
                errors.add(ErrorCode.MISSING_PROPERTY, "$", "no query was given");
                return;
            }
            String entity = q.entity();
            boolean known = ctx.model().entity(entity).isPresent();
            if (!known) {
                errors.add(ErrorCode.UNKNOWN_ENTITY, "$.entity", "there is no entity " + q(entity) + "; there are "
                        + Text.list(ctx.model().entities().stream().map(e -> e.name()).toList()),
                        ctx.names().entities(entity));
            }
            if (known) {
                fields(q);
            }
            Optional<Filter> where = known
                    ? q.where().map(w -> new FilterChecker(ctx, Mode.QUERY, errors, new HashSet<>()).check(entity, w, "$.where", 1))
                    : q.where();
            AggregateChecker.Columns columns = known
                    ? new AggregateChecker(ctx, errors).check(entity, q.groupBy(), q.aggregates())
                    : new AggregateChecker.Columns(Map.of(), Map.of());
            Optional<Filter> having = q.having();
            if (having.isPresent() && !q.isAggregate()) {
                errors.add(ErrorCode.HAVING_WITHOUT_AGGREGATES, "$.having", "having filters groups and aggregates, and "
                        + "this query has none; put conditions on records in where");
            } else if (having.isPresent() && known) {
                having = Optional.of(new FilterChecker(ctx, Mode.QUERY, errors, new HashSet<>())
                        .having(having.get(), columns.types(), columns.words(), "$.having", 1));
            }
            if (known) {
                orderBy(q, columns);
            }
            if (q.limit().isPresent() && (q.limit().getAsInt() < 1 || q.limit().getAsInt() > ctx.limits().maxLimit())) {
                int max = ctx.limits().maxLimit();
                errors.add(ErrorCode.LIMIT_OUT_OF_RANGE, "$.limit", "limit is between 1 and " + max + ", not "
                        + q.limit().getAsInt(), List.of(String.valueOf(q.limit().getAsInt() < 1 ? 1 : max)));
            }
            normalised = new Query(entity, q.fields(), where, q.groupBy(), q.aggregates(), having, q.orderBy(), q.limit());
        }

        private void fields(Query q) {
            List<String> fields = q.fields();
            if (q.isAggregate() && !fields.isEmpty()) {
                errors.add(ErrorCode.FIELDS_WITH_AGGREGATES, "$.fields", "a query with groupBy or aggregates returns "
                        + "its groups and aggregates; drop fields, or group by them");
                return;
            }
            if (fields.size() > ctx.limits().maxFields()) {
                errors.add(ErrorCode.TOO_MANY_ITEMS, "$.fields", "a query returns at most " + ctx.limits().maxFields()
                        + " fields, not " + fields.size() + "; leave fields empty to return every field");
            }
            for (int i = 0; i < Math.min(fields.size(), ctx.limits().maxFields()) && !errors.isFull(); i++) {
                ctx.fields().resolve(q.entity(), fields.get(i), "$.fields[" + i + "]", Use.RETURN, Mode.QUERY, errors);
            }
        }

        private void orderBy(Query q, AggregateChecker.Columns columns) {
            List<OrderBy> order = q.orderBy();
            if (order.size() > ctx.limits().maxFields()) {
                errors.add(ErrorCode.TOO_MANY_ITEMS, "$.orderBy", "a query orders by at most "
                        + ctx.limits().maxFields() + " keys, not " + order.size());
            }
            for (int i = 0; i < Math.min(order.size(), ctx.limits().maxFields()) && !errors.isFull(); i++) {
                String by = order.get(i).by();
                String path = "$.orderBy[" + i + "].by";
                if (!q.isAggregate()) {
                    ctx.fields().resolve(q.entity(), by, path, Use.ORDER, Mode.QUERY, errors);
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
