package io.promoagent.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.QueryJsonSchema;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.model.ValidatedQuery;
import java.util.List;
import java.util.Objects;

/**
 * The typed query tool: its arguments are a query in the IR's JSON form, its parameter schema the IR's
 * JSON Schema generated from the data model, so a model fills in a typed query instead of writing one.
 *
 * <p>The person gets the whole result: a table (a metric for a single aggregate without groups). The
 * model gets a compact view: the row count and the first rows (20 by default) with only the columns whose
 * values it may see; values of {@code ui} and {@code hidden} fields never reach it, and the names of the
 * withheld columns are listed so it can tell the person they are shown in the table. A query that cannot
 * be read or does not fit the data model is answered with its errors (code, path, message, suggestions)
 * for the model to repair.
 *
 * <p>Before every read it asks the engine how the query would run (reading no record) and estimates what
 * it would read ({@link ReadEstimate}); a read over the {@link ReadGuard}'s budget is not run but held, and
 * the person is shown the estimate and asked to confirm. Only the application confirms, on the person's
 * action; nothing in the tool's arguments can.
 */
public final class QueryTool implements ReadTool {

    /** The name models call it by. */
    public static final String NAME = "query";

    private final DataModel model;
    private final QueryEngine engine;
    private final QueryValidator validator;
    private final ResultView view;
    private final ToolDescriptor descriptor;
    private final ReadGuard guard;

    private QueryTool(Builder b) {
        this.guard = b.guard;
        this.model = b.engine.model();
        this.engine = b.engine;
        this.validator = QueryValidator.of(model);
        this.view = new ResultView(model, new ModelVisibility(model), b.modelRows, b.tableRows);
        this.descriptor = new ToolDescriptor(b.name,
                "Reads the business data: records, or counts, totals and averages by group; the person sees the "
                        + "full result as a table.",
                QueryJsonSchema.forModel(model), ToolEffect.READ,
                List.of("show", "list", "find", "which", "who", "how many", "count", "number of", "total", "sum",
                        "average", "top", "best", "most", "by", "per"));
    }

    /** A query tool over the engine's data model with the default limits. */
    public static QueryTool of(QueryEngine engine) {
        return builder(engine).build();
    }

    public static Builder builder(QueryEngine engine) {
        return new Builder(engine);
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    /** The guard that holds reads over budget. */
    public ReadGuard guard() {
        return guard;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        // the model's shared validator: a query the planner validated is not checked again
        ValidatedQuery query = validator.accept(QueryJson.read(call.arguments()));
        if (!guard.budget().isUnlimited()) {
            ReadEstimate estimate = estimate(query);
            if (guard.admit(call.tool(), query, estimate, context) instanceof ReadGuard.Held held) {
                return held.result(estimate);
            }
        }
        QueryResult result = engine.execute(query);
        return view.toResult(query.query(), result);
    }

    /**
     * What a query in the IR's JSON form would read, without reading any record.
     *
     * @throws io.promoagent.schema.validate.InvalidQueryException when it does not fit the data model
     */
    public ReadEstimate estimate(JsonNode arguments) {
        return estimate(validator.accept(QueryJson.read(arguments)));
    }

    /**
     * What a query in the IR's JSON form would read, shown to the person in {@code context} instead of reading
     * it: estimated as {@link #estimate(JsonNode)} does, and recorded in the guard's audit trail as
     * {@code read_explained} with the estimate and whether the guard would hold it.
     *
     * @throws io.promoagent.schema.validate.InvalidQueryException when it does not fit the data model
     */
    public ReadEstimate explain(JsonNode arguments, ToolContext context) {
        ValidatedQuery query = validator.accept(QueryJson.read(arguments));
        ReadEstimate estimate = estimate(query);
        guard.explained(descriptor.name(), query, estimate, context);
        return estimate;
    }

    /** What a validated query would read, without reading any record. */
    public ReadEstimate estimate(ValidatedQuery query) {
        return ReadEstimate.of(model, query.query().entity(), engine.explain(query), guard.pricing());
    }

    /** Builds a {@link QueryTool}. */
    public static final class Builder {
        private final QueryEngine engine;
        private String name = NAME;
        private int modelRows = 20;
        private int tableRows = 10_000;
        private ReadGuard guard = ReadGuard.defaults();

        private Builder(QueryEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
        }

        /** The tool's name; {@code query} by default. */
        public Builder name(String toolName) {
            this.name = Objects.requireNonNull(toolName, "name");
            return this;
        }

        /** How many rows the model is shown; 20 by default, 0 to show it counts only. */
        public Builder modelRows(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("modelRows cannot be negative");
            }
            this.modelRows = rows;
            return this;
        }

        /** The most rows a table block holds (its total still counts every row); 10,000 by default. */
        public Builder tableRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("tableRows must be positive");
            }
            this.tableRows = rows;
            return this;
        }

        /**
         * The guard that holds reads over budget until the person confirms them; {@link ReadGuard#defaults()}
         * by default (give one with the executor's audit sink so that holds are audited).
         */
        public Builder guard(ReadGuard value) {
            this.guard = Objects.requireNonNull(value, "guard");
            return this;
        }

        public QueryTool build() {
            return new QueryTool(this);
        }
    }
}
