package io.promoagent.example.cli;

import io.promoagent.core.query.ReadEstimate;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.core.reply.ReplyJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.example.app.EmbeddedPostgresSources;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.model.ValidatedQuery;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code promo-agent query}: runs typed queries (the query IR's JSON form) directly, with no planner or
 * language model: one given as an argument, or every line of standard input. It measures what the IR can
 * say, and shows what a query returns and how it ran.
 *
 * <p>Per query it prints, with {@code --json}, one line {@code {"query", "columns", "rows", "explain"}}
 * ({@code explain} with {@code --explain}) or {@code {"query", "error": {"code", "message", "path",
 * "suggestions"}}}; otherwise a tab-separated table or the error in words.
 */
public final class QueryCommand implements Command {

    private static final Set<String> VALUES = EngineArguments.OPTIONS;
    private static final Set<String> FLAGS = Set.of("--json", "--explain", "--help");
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private final Clock clock;
    private final InputStream in;

    public QueryCommand(Clock clock, InputStream in) {
        this.clock = clock;
        this.in = in;
    }

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String summary() {
        return "Run typed queries (the query IR's JSON form) over the demo data (or your own)";
    }

    @Override
    public String synopsis() {
        return "[--data-model FILE --data DIR | --seed N --customers N] [--now YYYY-MM-DD] [--json] [--explain]"
                + " [IR_JSON]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent query " + synopsis(),
                summary() + ".",
                "Without IR_JSON, runs every line of standard input, one query per line (see docs/query-ir.md).",
                "A data model whose source says kind: jdbc runs on an embedded PostgreSQL started for it (docs/jdbc.md).",
                "",
                "  --json               one JSON line per query: {\"query\", \"columns\", \"rows\"} (and \"explain\"),",
                "                       or {\"query\", \"error\": {\"code\", \"message\", \"path\", \"suggestions\"}}",
                "  --explain            also the estimate before each query runs (its source calls, records, read units",
                "                       and their on-demand cost: \"estimate\") and how it ran: its source calls and what",
                "                       they read"));
        lines.addAll(EngineArguments.HELP);
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        // every word that is neither an option nor its value is part of the query, however many
        CommandArguments arguments = CommandArguments.parse(args, VALUES, FLAGS, Integer.MAX_VALUE);
        List<String> words = arguments.positionals();
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        if (arguments.value("--model").isPresent()) {
            throw new UsageException("query runs typed queries itself; --model is for ask");
        }
        EngineOptions engineOptions = EngineArguments.options(arguments, clock).withQueryCache(java.time.Duration.ZERO);
        boolean json = arguments.hasFlag("--json");
        boolean explain = arguments.hasFlag("--explain");
        try {
            Optional<DataModel> own = engineOptions.dataModel().map(DataModelYaml::load);
            if (own.isPresent() && EmbeddedPostgresSources.wanted(own.get())) {
                err.println("promo-agent: loading the data into an embedded PostgreSQL...");
                try (EmbeddedPostgresSources pg = EmbeddedPostgresSources.start(own.get(), engineOptions.data().orElseThrow())) {
                    // the data's today, as the DynamoDB path has it: the options' date at noon UTC
                    Clock today = Clock.fixed(engineOptions.now().atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
                    QueryEngine engine = QueryEngine.builder(own.get()).sources(pg.sources()).clock(today).build();
                    return runAll(new Runner(engine, json, explain, out, engineOptions.readLimits().pricing()), words);
                }
            }
            err.println(EngineArguments.loading(engineOptions));
            try (PromotionEngine engine = PromotionEngine.start(engineOptions)) {
                return runAll(new Runner(engine.queryEngine(), json, explain, out, engineOptions.readLimits().pricing()), words);
            }
        } catch (IOException e) {
            err.println("promo-agent query: cannot read standard input: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        } catch (AgentException e) {
            err.println("promo-agent query: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
    }

    /** Runs the query given as words, or every line of standard input. */
    private int runAll(Runner runner, List<String> words) throws IOException {
        return InputTexts.forEach(words, in, runner::run) ? PromoAgentCli.EXIT_SUCCESS : PromoAgentCli.EXIT_FAILURE;
    }

    /** Runs queries one at a time and prints each result or error. */
    static final class Runner {
        private final QueryEngine engine;
        private final QueryValidator validator;
        private final boolean json;
        private final boolean explain;
        private final PrintStream out;
        private final ReadPricing pricing;

        Runner(QueryEngine engine, boolean json, boolean explain, PrintStream out, ReadPricing pricing) {
            this.engine = engine;
            this.pricing = pricing;
            this.validator = QueryValidator.of(engine.model());
            this.json = json;
            this.explain = explain;
            this.out = out;
        }

        /** Runs one query's JSON text; false when it failed (its error is printed). */
        boolean run(String text) {
            ObjectNode line = F.objectNode();
            line.set("query", echo(text));
            try {
                ValidatedQuery query = validator.acceptJson(text);
                if (explain) {
                    // the estimate comes before the read, from the engine's explanation, which reads no record
                    ReadEstimate estimate = ReadEstimate.of(engine.model(), query.query().entity(), engine.explain(query),
                            pricing);
                    line.set("estimate", EstimateJson.of(estimate));
                    if (!json) {
                        out.print("Estimate: " + estimate.describe());
                    }
                }
                QueryResult result = engine.execute(query);
                line.set("query", query.tree());
                ArrayNode columns = line.putArray("columns");
                result.columns().forEach(columns::add);
                ArrayNode rows = line.putArray("rows");
                for (Row row : result.rows()) {
                    ArrayNode r = rows.addArray();
                    for (String c : result.columns()) {
                        Object v = row.valueOrNull(c);
                        r.add(v == null ? F.nullNode() : QueryJson.scalar(v));
                    }
                }
                if (explain) {
                    line.set("explain", explanation(result));
                }
                print(line, result);
                return true;
            } catch (InvalidQueryException e) {
                QueryError first = e.errors().get(0);
                ObjectNode error = line.putObject("error");
                error.put("code", first.code().code()).put("message", first.message()).put("path", first.path());
                ArrayNode suggestions = error.putArray("suggestions");
                first.suggestions().forEach(suggestions::add);
                if (e.errors().size() > 1) {
                    ArrayNode more = line.putArray("errors");
                    for (QueryError q : e.errors()) {
                        more.addObject().put("code", q.code().code()).put("message", q.message()).put("path", q.path());
                    }
                }
                printError(line, e.errors());
                return false;
            }
        }

        private static JsonNode echo(String text) {
            try {
                return QueryJson.parse(text);
            } catch (RuntimeException e) {
                return F.textNode(text);
            }
        }

        private static ObjectNode explanation(QueryResult result) {
            ObjectNode e = F.objectNode();
            ArrayNode calls = e.putArray("calls");
            for (Explanation x : result.explanations()) {
                ObjectNode c = calls.addObject().put("source", x.source()).put("operation", x.operation())
                        .put("accessPath", x.accessPath()).put("nativeQuery", x.nativeQuery())
                        .put("estimatedReadUnits", x.estimatedReadUnits());
                ArrayNode notes = c.putArray("notes");
                x.notes().forEach(notes::add);
            }
            e.putObject("stats").put("readUnits", result.stats().readUnits())
                    .put("itemsScanned", result.stats().itemsScanned())
                    .put("itemsReturned", result.stats().itemsReturned()).put("calls", result.stats().calls());
            return e;
        }

        private void print(ObjectNode line, QueryResult result) {
            if (json) {
                out.println(ReplyJson.writeTree(line));
                return;
            }
            out.println(String.join("\t", result.columns()));
            for (Row row : result.rows()) {
                List<String> cells = new ArrayList<>();
                for (String c : result.columns()) {
                    Object v = row.valueOrNull(c);
                    cells.add(v == null ? "" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
                }
                out.println(String.join("\t", cells));
            }
            out.println("(" + result.rows().size() + (result.rows().size() == 1 ? " row)" : " rows)"));
            if (explain) {
                for (Explanation x : result.explanations()) {
                    out.println("  " + x.source() + " " + x.operation() + " " + x.accessPath() + ": " + x.nativeQuery()
                            + (x.notes().isEmpty() ? "" : " (" + String.join("; ", x.notes()) + ")"));
                }
            }
        }

        private void printError(ObjectNode line, List<QueryError> errors) {
            if (json) {
                out.println(ReplyJson.writeTree(line));
                return;
            }
            Set<String> seen = new HashSet<>();
            for (QueryError e : errors) {
                if (seen.add(e.path() + e.message())) {
                    out.println("error " + e.code().code() + " at " + e.path() + ": " + e.message()
                            + (e.suggestions().isEmpty() ? "" : " (did you mean: " + String.join(", ", e.suggestions()) + ")"));
                }
            }
        }
    }
}
