package io.promoagent.example.cli;

import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.core.security.Principal;
import io.promoagent.example.app.DemoLayout;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.app.ReadLimits;
import io.promoagent.example.app.TelemetryExport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The options that say which engine a command starts: the demo data ({@code --seed --customers --now}, read
 * by {@link DemoDataOptions}) in its layout ({@code --layout}), or the user's own ({@code --data-model
 * --data}), and a language model ({@code --model --base-url}); and whom a command acts as ({@code --as}).
 */
final class EngineArguments {

    static final Set<String> OPTIONS = CommandArguments.union(DemoDataOptions.OPTIONS, Set.of("--data-model",
            "--data", "--model", "--base-url", "--query-cache", "--otel", "--layout", "--read-budget-units",
            "--read-budget-rows", "--large-table-items", "--read-price"));

    static final List<String> HELP = Stream.concat(
            DemoDataOptions.help("the data and every relative time treat").stream(), Stream.of(
            "  --layout federated|dynamodb   where the demo keeps its data: federated (default) puts orders in an",
            "                       embedded PostgreSQL and customers and promotions in DynamoDB Local; dynamodb",
            "                       keeps everything in DynamoDB Local (the prototype's layout)",
            "  --data-model FILE --data DIR   your own data model and one JSON-lines file per entity",
            "  --model SPEC         bedrock:MODEL_ID (default AWS credentials) or openai:MODEL with --base-url URL",
            "                       (Ollama, vLLM, LM Studio): the hybrid orchestrator asks it when the offline",
            "                       planner is unsure; without it, the offline planner alone answers",
            "  --query-cache SECONDS   how long a query's result is served from memory (default "
                    + EngineOptions.DEFAULT_QUERY_CACHE.toSeconds() + "; 0: no cache).",
            "                       Every write through the engine clears what it changed at once",
            "  --otel console|otlp  export the agent's OpenTelemetry spans and metrics: logged on standard error,",
            "                       or OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (default http://localhost:4318)",
            "  --read-budget-units N, --read-budget-rows N   the most DynamoDB read units and records one request may",
            "                       be estimated to read before the person must confirm it (defaults "
                    + (long) ReadBudget.DEFAULTS.readUnits() + ", " + ReadBudget.DEFAULTS.rowsScanned() + ")",
            "  --large-table-items N   a full scan of a DynamoDB table of more items always asks (default "
                    + ReadBudget.DEFAULTS.largeTableItems() + ")",
            "  --read-price USD     the on-demand price of a million read request units, for estimates (default "
                    + ReadPricing.defaults().perMillionReadUnits() + ", " + ReadPricing.defaults().region() + ")"))
            .toList();

    private EngineArguments() {
    }

    /** The engine the options name; the demo data treats the clock's date as today unless {@code --now} says. */
    static EngineOptions options(CommandArguments arguments, Clock clock) throws UsageException {
        EngineOptions options = DemoDataOptions.parse(arguments, LocalDate.now(clock)).engineOptions();
        if (arguments.value("--data-model").isPresent() || arguments.value("--data").isPresent()) {
            if (arguments.value("--layout").isPresent()) {
                throw new UsageException("--layout is the demo model's; your own data model says where its entities live");
            }
            options = options.withData(Path.of(arguments.required("--data-model")), Path.of(arguments.required("--data")));
        }
        if (arguments.value("--layout").isPresent()) {
            String name = arguments.value("--layout").get();
            options = options.withLayout(DemoLayout.named(name).orElseThrow(() ->
                    new UsageException("--layout is federated or dynamodb, not '" + name + "'")));
        }
        if (arguments.value("--base-url").isPresent() && arguments.value("--model").isEmpty()) {
            throw new UsageException("--base-url goes with --model openai:MODEL");
        }
        if (arguments.value("--model").isPresent()) {
            try {
                options = options.withLanguageModel(new EngineOptions.LanguageModel(arguments.value("--model").get(),
                        arguments.value("--base-url")));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (arguments.value("--otel").isPresent()) {
            try {
                options = options.withTelemetry(TelemetryExport.parse(arguments.value("--otel").get()));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return options.withQueryCache(queryCache(arguments)).withReadLimits(readLimits(arguments));
    }

    /** How long {@code --query-cache} says a result is served from memory: 0 to a day, in seconds. */
    static Duration queryCache(CommandArguments arguments) throws UsageException {
        return Duration.ofSeconds(arguments.longValue("--query-cache", EngineOptions.DEFAULT_QUERY_CACHE.toSeconds(), 0, 86_400));
    }

    /** The read guard's budget and the read price that {@code --read-budget-*}, {@code --large-table-items} and {@code --read-price} set. */
    static ReadLimits readLimits(CommandArguments arguments) throws UsageException {
        ReadBudget defaults = ReadBudget.DEFAULTS;
        ReadBudget budget = defaults
                .withReadUnits(arguments.longValue("--read-budget-units", (long) defaults.readUnits(), 0, Long.MAX_VALUE))
                .withRowsScanned(arguments.longValue("--read-budget-rows", defaults.rowsScanned(), 0, Long.MAX_VALUE))
                .withLargeTableItems(arguments.longValue("--large-table-items", defaults.largeTableItems(), 0, Long.MAX_VALUE));
        ReadPricing pricing = ReadPricing.defaults();
        if (arguments.value("--read-price").isPresent()) {
            String price = arguments.value("--read-price").get();
            try {
                pricing = pricing.withPricePerMillion(new BigDecimal(price));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--read-price is a price in USD per million read request units, not '" + price + "'");
            }
        }
        return new ReadLimits(budget, pricing);
    }

    /** Where the data goes, for the start-up line printed before it loads. */
    static String loading(EngineOptions options) {
        boolean federated = options.dataModel().isEmpty() && options.layout() == DemoLayout.FEDERATED;
        return "promo-agent: loading the data into embedded DynamoDB Local" + (federated ? " and PostgreSQL..." : "...");
    }

    /** Which store holds which entities of a started engine, for a start-up line. */
    static String holdings(PromotionEngine engine) {
        return "promo-agent: data: " + DemoLayout.holdings(engine.model());
    }

    /** What answers requests, for a start-up line. */
    static String planner(EngineOptions options) {
        return options.llm().map(m -> "hybrid orchestrator: offline planner, then " + m.spec()).orElse("offline planner");
    }

    /** The demo user {@code --as} names, the marketer when it is absent. */
    static Principal user(CommandArguments arguments) throws UsageException {
        String as = arguments.value("--as").orElse("marketer");
        return DemoUsers.byName(as).orElseThrow(() ->
                new UsageException("unknown user '" + as + "'; the demo users are analyst, marketer and approver"));
    }

    /**
     * The help text of a command over generated demo data: its usage and summary, the {@code --seed},
     * {@code --customers} and {@code --now} options ({@code treat}: what treats that date as today), then
     * {@code rest}, line by line.
     */
    static String demoDataHelp(Command command, String treat, String... rest) {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + command.name() + " " + command.synopsis(),
                command.summary() + ".",
                ""));
        lines.addAll(DemoDataOptions.help(treat));
        lines.addAll(List.of(rest));
        return String.join("\n", lines);
    }
}
