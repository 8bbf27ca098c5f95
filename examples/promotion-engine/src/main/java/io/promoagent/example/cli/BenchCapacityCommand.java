package io.promoagent.example.cli;

import io.promoagent.core.reply.ReplyJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.dynamodb.item.ItemSize;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * {@code bench capacity}: loads the demo data into DynamoDB Local in-process, runs a fixed set of queries
 * through the query engine over the DynamoDB data source, and compares the read capacity each consumed with
 * reading the whole table and filtering in memory (the prototype's way) and with the least any key lookup
 * could cost. A benchmark, not a test: it reports, and fails only when an answer is wrong.
 */
public final class BenchCapacityCommand implements Command {
    private static final String JSON = "--json";
    private static final String HELP = "--help";
    private static final String MODEL = "/io/promoagent/example/promotion-model.yaml";
    private static final double PAGE = 4096.0;

    private final Clock clock;

    /** @param clock tells what today is when {@code --now} is not given */
    public BenchCapacityCommand(Clock clock) {
        this.clock = clock;
    }

    /** One query of the fixed set, and the tables the prototype would scan to answer it. */
    private record BenchQuery(String name, Query query, List<String> scanned) {
    }

    /** One line of the report. */
    private record Measurement(String name, String accessPath, int matched, double engineRcu, long calls,
                               double scanFilterRcu, double minimumRcu) {
    }

    @Override
    public String name() {
        return "bench capacity";
    }

    @Override
    public String summary() {
        return "Measure the read capacity of a fixed set of queries on the demo data in DynamoDB Local";
    }

    @Override
    public String synopsis() {
        return DemoDataOptions.SYNOPSIS + " [--json]";
    }

    @Override
    public String help() {
        return EngineArguments.demoDataHelp(this, "the data and the queries treat",
                "  --json               print a JSON array, one object per query, instead of a table",
                "",
                "Columns: matched items; engineRcu, the read units the engine's DynamoDB calls consumed (as DynamoDB",
                "Local reports them, eventually consistent); calls, the requests made; scanFilterRcu, the read units",
                "of scanning every table the query touches and filtering in memory; minimumRcu, the matched items'",
                "size in 4 KB units, rounded up and halved: what a perfect key lookup would cost.",
                "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, DemoDataOptions.OPTIONS, Set.of(JSON, HELP));
        if (arguments.hasFlag(HELP)) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        DemoDataOptions demo = DemoDataOptions.parse(arguments, LocalDate.now(clock));

        DataModel model = DataModelYaml.loadResource(BenchCapacityCommand.class, MODEL);
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
        Path directory = null;
        try {
            DynamoDbClient client = local.dynamoDbClient();
            directory = Files.createTempDirectory("promo-agent-bench");
            err.printf("Generating %s and loading them into DynamoDB Local...%n", demo.describe());
            TerminalProgress progress = TerminalProgress.forProcess(err, System.getenv());
            DemoData data = demo.generate();
            DemoDataExporter.export(data, directory);
            DynamoDbTables.create(client, model);
            for (Entity e : model.entities()) {
                Path file = directory.resolve(e.name() + ".jsonl");
                long total;
                try (Stream<String> lines = Files.lines(file)) {
                    total = lines.filter(l -> !l.isBlank()).count();
                }
                String what = "loading " + e.name();
                DynamoDbLoader.LoadResult loaded = DynamoDbLoader.load(client, e, file, n -> progress.count(what, n, total));
                err.printf("  %s: %d items%n", e.table(), loaded.items());
            }
            progress.done();
            List<Measurement> results = measure(client, model, demo.now(), err);
            if (arguments.hasFlag(JSON)) {
                out.println(json(results));
            } else {
                out.print(table(results));
            }
            return PromoAgentCli.EXIT_SUCCESS;
        } catch (IOException e) {
            err.println("promo-agent: cannot write the demo data: " + e);
            return PromoAgentCli.EXIT_FAILURE;
        } catch (IllegalStateException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        } finally {
            local.shutdown();
            delete(directory);
        }
    }

    private static List<Measurement> measure(DynamoDbClient client, DataModel model, LocalDate now, PrintStream err) {
        // The prototype's way: every item of a table, page by page, with the capacity each page consumed.
        Map<String, Double> scanRcu = new HashMap<>();
        Map<String, Map<Object, Map<String, AttributeValue>>> items = new HashMap<>();
        Map<String, List<Row>> dataset = new LinkedHashMap<>();
        for (Entity e : model.entities()) {
            Map<Object, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
            double units = 0;
            double computed = 0;
            for (ScanResponse page : client.scanPaginator(b -> b.tableName(e.table())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
                units += page.consumedCapacity() == null ? 0 : page.consumedCapacity().capacityUnits();
                long pageBytes = 0;
                for (Map<String, AttributeValue> item : page.items()) {
                    byKey.put(AttributeValues.row(item).valueOrNull(e.key().partition()), item);
                    pageBytes += ItemSize.bytes(item);
                }
                computed += Math.ceil(pageBytes / PAGE) / 2;
            }
            scanRcu.put(e.name(), units);
            // DynamoDB Local reports consumed capacity; show that it follows the service's rules.
            err.printf("  full scan of %s: %.1f RCU reported by DynamoDB Local, %.1f computed from item sizes%n",
                    e.table(), units, computed);
            items.put(e.name(), byKey);
            dataset.put(e.name(), byKey.values().stream().map(AttributeValues::row).toList());
        }

        Clock clock = Clock.fixed(now.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        String sourceId = model.requireEntity("customers").source();
        List<Measurement> out = new ArrayList<>();
        try (DynamoDbDataSource source = DynamoDbDataSource.builder(client).id(sourceId).build()) {
            QueryEngine engine = QueryEngine.builder(model).source(source).clock(clock).build();
            ReferenceEvaluator reference = new ReferenceEvaluator(model, clock);
            for (BenchQuery b : queries(dataset)) {
                QueryResult result = engine.execute(b.query());
                QueryResult expected = reference.evaluate(b.query(), dataset);
                if (!Set.copyOf(result.rows()).equals(Set.copyOf(expected.rows()))) {
                    throw new IllegalStateException("'" + b.name() + "' returned " + result.rows().size()
                            + " rows where the reference evaluator finds " + expected.rows().size());
                }
                Entity entity = model.requireEntity(b.query().entity());
                long bytes = 0;
                for (Row row : result.rows()) {
                    bytes += ItemSize.bytes(items.get(entity.name()).get(row.valueOrNull(entity.key().partition())));
                }
                double minimum = result.rows().isEmpty() ? 0 : Math.ceil(bytes / PAGE) / 2;
                double scanFilter = b.scanned().stream().mapToDouble(scanRcu::get).sum();
                out.add(new Measurement(b.name(), accessPath(result.explanations()), result.rows().size(),
                        result.stats().readUnits(), result.stats().calls(), scanFilter, minimum));
                err.printf("  %s: done%n", b.name());
            }
        }
        return out;
    }

    /** The fixed set of queries, as the typed queries a model or the offline planner would send. */
    private static List<BenchQuery> queries(Map<String, List<Row>> dataset) {
        String john = dataset.get("customers").stream()
                .filter(r -> "john@example.com".equals(r.valueOrNull("email")))
                .map(r -> (String) r.valueOrNull("id")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo data has no customer john@example.com"));
        Filter recent = RuleRef.of("recent_orders", "days", 30);
        return List.of(
                new BenchQuery("VIP customers", Query.builder("customers").where(RuleRef.of("vip")).build(),
                        List.of("customers")),
                new BenchQuery("customer by e-mail (john@example.com)",
                        Query.builder("customers").where(Compare.eq("email", "john@example.com")).build(),
                        List.of("customers")),
                new BenchQuery("one customer's orders (" + john + ")",
                        Query.builder("orders").where(Compare.eq("customer_id", john)).build(), List.of("orders")),
                new BenchQuery("orders of the last 30 days", Query.builder("orders").where(recent).build(),
                        List.of("orders")),
                new BenchQuery("promotion by code (SUMMER25)",
                        Query.builder("promotions").where(Compare.eq("code", "SUMMER25")).build(), List.of("promotions")),
                new BenchQuery("customers who spent more than 1000",
                        Query.builder("customers").where(Compare.of("total_spent", Operator.GT, new BigDecimal(1000))).build(),
                        List.of("customers")),
                new BenchQuery("VIP customers with orders in the last 30 days",
                        Query.builder("customers").where(Filter.and(RuleRef.of("vip"), Related.exists("orders", recent))).build(),
                        List.of("customers", "orders")));
    }

    /** The calls in order: operation, table or index, and how many queries a fan-out made. */
    static String accessPath(List<Explanation> explanations) {
        List<String> parts = new ArrayList<>();
        for (Explanation x : explanations) {
            String part = x.operation() + " " + x.accessPath();
            for (String note : x.notes()) {
                if (note.matches("\\d+ queries, one per .*")) {
                    part += " x" + note.substring(0, note.indexOf(' '));
                }
            }
            parts.add(part);
        }
        return String.join(" + ", parts);
    }

    private static String json(List<Measurement> results) {
        ArrayNode array = ReplyJson.mapper().createArrayNode();
        for (Measurement m : results) {
            ObjectNode o = array.addObject();
            o.put("name", m.name());
            o.put("accessPath", m.accessPath());
            o.put("matched", m.matched());
            o.put("engineRcu", m.engineRcu());
            o.put("calls", m.calls());
            o.put("scanFilterRcu", m.scanFilterRcu());
            o.put("minimumRcu", m.minimumRcu());
        }
        // one line, decimals plain, like every --json output
        return ReplyJson.writeTree(array);
    }

    private static String table(List<Measurement> results) {
        StringBuilder t = new StringBuilder(String.format("%-46s %-62s %8s %10s %6s %10s %10s%n", "query", "access path",
                "matched", "engineRcu", "calls", "scanRcu", "minimumRcu"));
        double engine = 0;
        double scan = 0;
        for (Measurement m : results) {
            t.append(String.format("%-46s %-62s %8d %10.1f %6d %10.1f %10.1f%n", m.name(), m.accessPath(), m.matched(),
                    m.engineRcu(), m.calls(), m.scanFilterRcu(), m.minimumRcu()));
            engine += m.engineRcu();
            scan += m.scanFilterRcu();
        }
        t.append(String.format("%nTotal: the engine read %.1f RCU, scanning and filtering %.1f RCU (%.1fx more).%n",
                engine, scan, engine == 0 ? 0 : scan / engine));
        return t.toString();
    }

    /** Deletes a temporary directory and its files, quietly: one left behind is not worth failing a benchmark for. */
    static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the benchmark for.
        }
    }
}
