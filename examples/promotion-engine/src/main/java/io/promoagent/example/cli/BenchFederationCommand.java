package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.example.cli.FederationQueries.BenchQuery;
import io.promoagent.example.demo.DemoData;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryStreamResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code bench federation}: the demo data across two stores (customers and promotions in DynamoDB Local,
 * orders in an embedded PostgreSQL), a fixed set of questions that need both, each answered by the query
 * engine and compared with the naive way (read every table the question touches whole and join in memory):
 * what each read from each source, its time, its live heap, and whether the engine's answer is the
 * reference evaluator's over the whole tables. A benchmark: it reports, and exits with 1 when an answer is
 * wrong.
 */
public final class BenchFederationCommand implements Command {
    private static final String ROUNDS = "--rounds";
    private static final String JSON = "--json";
    private static final String HELP = "--help";
    private static final String MODEL = "/io/promoagent/example/promotion-model.yaml";
    private static final int DEFAULT_ROUNDS = 3;
    /**
     * Rows the engine's way hands out between two samples of the live heap: half of one of its chunks, so that
     * what a chunk holds is seen.
     */
    private static final long ENGINE_SAMPLE_ROWS = 500;
    /**
     * The same for the naive way, whose heap grows by the tables it reads: a full collection every 500 rows of
     * a heap that holds them would take longer than the reads (half an hour at 80,000 customers), and a sample
     * every 10,000 rows misses at most what 10,000 rows hold, a lower bound of a figure that is larger still.
     */
    private static final long NAIVE_SAMPLE_ROWS = 10_000;

    /** What one way of answering read and cost. */
    record Cost(long dynamoDbItems, long postgresRows, long postgresScanned, double readUnits, long dynamoDbCalls,
                long postgresCalls, double medianMillis, long peakHeapBytes) {

        long itemsRead() {
            return dynamoDbItems + postgresRows;
        }

        long calls() {
            return dynamoDbCalls + postgresCalls;
        }
    }

    /**
     * One line of the report; {@code error} is set when the engine failed, and {@code engine} then holds what it
     * read before it failed (no time, no heap).
     */
    /** What the engine's way returned: the streamed answer's facts and its fingerprint. */
    record Streamed(QueryStreamResult result, AnswerDigest digest) {
    }

    record Measurement(String name, String question, String plan, int answerRows, boolean correct, String error,
                       Cost engine, Cost naive) {
    }

    private final Clock clock;

    /** @param clock tells what today is when {@code --now} is not given */
    public BenchFederationCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bench federation";
    }

    @Override
    public String summary() {
        return "Compare the engine's cross-source reads with reading both stores whole, on the demo data in DynamoDB Local and PostgreSQL";
    }

    @Override
    public String synopsis() {
        return DemoDataOptions.SYNOPSIS + " [--rounds N] [--json]";
    }

    @Override
    public String help() {
        return EngineArguments.demoDataHelp(this, "the data and the queries treat",
                "  --rounds N           timed rounds per query and way, the median reported (default " + DEFAULT_ROUNDS + ")",
                "  --json               print a JSON array, one object per query, instead of a table",
                "",
                "Customers and promotions are loaded into DynamoDB Local, orders into an embedded PostgreSQL. For each",
                "query: items (DynamoDB) and rows (PostgreSQL) read by the engine and by the naive way (every table the",
                "query touches read whole, to be joined in memory); the rows PostgreSQL examined (pg_stat_user_tables);",
                "read units; calls; the median time (the naive way's: its reads alone, a lower bound); the live heap's",
                "peak over its start (a full collection every " + ENGINE_SAMPLE_ROWS + " rows read by the engine, every "
                        + NAIVE_SAMPLE_ROWS + " by the naive way, and at the end); and whether the",
                "engine's answer equals the reference evaluator's over the whole tables. The engine's answer is streamed",
                "(QueryEngine.stream) into a fingerprint (rows, a sum of row hashes, and their sequence's hash when the",
                "query orders them) compared with the reference answer's, so the bench does not hold it.",
                "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, CommandArguments.union(DemoDataOptions.OPTIONS,
                Set.of(ROUNDS)), Set.of(JSON, HELP));
        if (arguments.hasFlag(HELP)) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        DemoDataOptions demo = DemoDataOptions.parse(arguments, LocalDate.now(clock));
        int rounds = (int) arguments.longValue(ROUNDS, DEFAULT_ROUNDS, 1, 100);
        DataModel model = DataModelYaml.loadResource(BenchFederationCommand.class, MODEL);
        err.printf("Generating %s; customers and promotions into DynamoDB Local, orders into PostgreSQL...%n",
                demo.describe());
        DemoData data = demo.generate();
        try (FederatedBenchData stores = FederatedBenchData.start(model, data,
                (entity, n) -> err.printf("  %s: %d records%n", entity, n))) {
            List<Measurement> results = new Bench(stores, demo.now(), rounds, err).measure();
            out.println(arguments.hasFlag(JSON) ? json(results) : table(results));
            return results.stream().allMatch(Measurement::correct) ? PromoAgentCli.EXIT_SUCCESS : PromoAgentCli.EXIT_FAILURE;
        } catch (IOException e) {
            err.println("promo-agent: cannot write the demo data: " + e);
            return PromoAgentCli.EXIT_FAILURE;
        } catch (IllegalStateException | AgentException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
    }

    /** One run of the set over loaded stores. */
    private static final class Bench {
        private final DataModel model;
        private final int rounds;
        private final PrintStream err;
        private final LiveHeap heap = new LiveHeap();
        private final CountingSource dynamoDb;
        private final CountingSource postgres;
        private final CountingSource wholeTables;
        private final PostgresScans scans;
        private final QueryEngine engine;
        private final ReferenceEvaluator reference;

        Bench(FederatedBenchData stores, LocalDate now, int rounds, PrintStream err) {
            this.model = stores.model();
            this.rounds = rounds;
            this.err = err;
            this.dynamoDb = CountingSource.over(stores.dynamoDb(), heap::row);
            this.postgres = CountingSource.over(stores.jdbc(), heap::row);
            this.wholeTables = CountingSource.over(stores.wholeTables(), heap::row);
            this.scans = new PostgresScans(stores.database());
            Clock clock = Clock.fixed(now.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            this.engine = QueryEngine.builder(model).source(dynamoDb).source(postgres).clock(clock).build();
            this.reference = new ReferenceEvaluator(model, clock);
        }

        /**
         * Counts what each way reads first, for every query (PostgreSQL's statistics are read between runs and
         * must see nothing else), then samples the live heap and times each way.
         */
        List<Measurement> measure() {
            List<BenchQuery> queries = FederationQueries.all();
            Map<String, Run<Map<String, List<Row>>>> naive = new LinkedHashMap<>();
            Map<String, AnswerDigest> expected = new LinkedHashMap<>();
            Map<String, Run<Streamed>> engine = new LinkedHashMap<>();
            Map<String, Measurement> failures = new LinkedHashMap<>();
            long examined = scans.settled();
            for (BenchQuery b : queries) {
                err.printf("  %s: counting...%n", b.name());
                naive.put(b.name(), count(() -> readWhole(b), examined));
                examined += naive.get(b.name()).postgresScanned();
                // the reference evaluator is simple rather than fast (a related record is found by a linear search):
                // it is run once, for the answer, and is not part of the naive way's time
                expected.put(b.name(), AnswerDigest.of(reference.evaluate(b.query(), naive.get(b.name()).forget()).rows()));
                try {
                    engine.put(b.name(), count(() -> streamed(b.query()), examined));
                    examined += engine.get(b.name()).postgresScanned();
                } catch (AgentException e) {
                    // what the engine read before it gave up is part of the answer
                    long scanned = scans.settled();
                    ExecutionStats d = dynamoDb.stats();
                    ExecutionStats p = postgres.stats();
                    failures.put(b.name(), new Measurement(b.name(), b.question(), "", 0, false, e.getMessage(),
                            new Cost(d.itemsScanned(), p.itemsScanned(), scanned - examined, d.readUnits() + p.readUnits(),
                                    d.calls(), p.calls(), 0, 0), null));
                    examined = scanned;
                }
            }
            List<Measurement> out = new ArrayList<>();
            for (BenchQuery b : queries) {
                err.printf("  %s: timing...%n", b.name());
                Cost naiveCost = naive.get(b.name()).cost(() -> readWhole(b), NAIVE_SAMPLE_ROWS);
                Run<Streamed> e = engine.get(b.name());
                if (e == null) {
                    Measurement failed = failures.get(b.name());
                    out.add(new Measurement(failed.name(), failed.question(), failed.plan(), 0, false, failed.error(),
                            failed.engine(), naiveCost));
                    continue;
                }
                Cost engineCost = e.cost(() -> streamed(b.query()), ENGINE_SAMPLE_ROWS);
                AnswerDigest answer = e.result().digest();
                AnswerDigest reference = expected.get(b.name());
                boolean correct = answer.sameAnswer(reference, !b.query().orderBy().isEmpty());
                out.add(new Measurement(b.name(), b.question(), BenchCapacityCommand.accessPath(e.result().result().explanations()),
                        (int) answer.rows(), correct, correct ? null : "the engine returned " + answer.rows()
                                + " rows, the reference evaluator " + reference.rows() + " (or other rows)",
                        engineCost, naiveCost));
            }
            return out;
        }

        /**
         * The engine's way: the answer streamed out of the engine into its fingerprint, so that the answer is
         * checked without being held (holding it would be the bench's memory, not the engine's).
         */
        private Streamed streamed(Query query) {
            AnswerDigest digest = new AnswerDigest();
            return new Streamed(engine.stream(query, digest), digest);
        }

        /** The naive way's reads: every table the query touches, whole. */
        private Map<String, List<Row>> readWhole(BenchQuery b) {
            Map<String, List<Row>> dataset = new LinkedHashMap<>();
            for (String name : b.entities()) {
                Entity entity = model.requireEntity(name);
                CountingSource source = entity.source().equals(FederatedBenchData.POSTGRES) ? wholeTables : dynamoDb;
                List<Row> rows = new ArrayList<>();
                try (SourceCursor cursor = source.open(SourceQuery.all(entity))) {
                    cursor.forEachRemaining(rows::add);
                }
                dataset.put(name, rows);
            }
            return dataset;
        }

        /** Runs {@code way} once and counts what it read; {@code examined} is PostgreSQL's count before. */
        private <T> Run<T> count(Supplier<T> way, long examined) {
            List<CountingSource> all = List.of(dynamoDb, postgres, wholeTables);
            all.forEach(CountingSource::reset);
            T result = way.get();
            Run<T> run = new Run<>(dynamoDb.stats(), postgres.stats().plus(wholeTables.stats()), scans.settled() - examined, result);
            all.forEach(CountingSource::reset);
            return run;
        }

        /** What a way of answering read, and what it returned (until {@link #forget()}). */
        private final class Run<T> {
            private final ExecutionStats dynamoDbStats;
            private final ExecutionStats postgresStats;
            private final long postgresScanned;
            private T result;

            Run(ExecutionStats dynamoDbStats, ExecutionStats postgresStats, long postgresScanned, T result) {
                this.dynamoDbStats = dynamoDbStats;
                this.postgresStats = postgresStats;
                this.postgresScanned = postgresScanned;
                this.result = result;
            }

            long postgresScanned() {
                return postgresScanned;
            }

            T result() {
                return result;
            }

            /** What it returned, no longer held here. */
            T forget() {
                T r = result;
                result = null;
                return r;
            }

            /**
             * These counts, with {@code way} run once more to sample its live heap (every {@code sampleRows} rows
             * read) and {@code rounds} times to time it.
             */
            Cost cost(Supplier<T> way, long sampleRows) {
                heap.start(sampleRows);
                T held = way.get();
                long peak = heap.stop();
                Reference.reachabilityFence(held);
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    way.get();
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                return new Cost(dynamoDbStats.itemsScanned(), postgresStats.itemsScanned(), postgresScanned,
                        dynamoDbStats.readUnits() + postgresStats.readUnits(), dynamoDbStats.calls(), postgresStats.calls(),
                        median(millis), peak);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double ratio(double naive, double engine) {
        return engine == 0 ? 0 : naive / engine;
    }

    private static String json(List<Measurement> results) {
        ArrayNode array = ReplyJson.mapper().createArrayNode();
        for (Measurement m : results) {
            ObjectNode o = array.addObject();
            o.put("name", m.name());
            o.put("question", m.question());
            o.put("correct", m.correct());
            if (m.error() != null) {
                o.put("error", m.error());
            }
            o.put("answerRows", m.answerRows());
            o.put("enginePlan", m.plan());
            o.put("engineItemsRead", m.engine().itemsRead());
            o.put("naiveItemsRead", m.naive().itemsRead());
            o.put("itemsReadRatio", round(ratio(m.naive().itemsRead(), m.engine().itemsRead())));
            cost(o, "engine", m.engine());
            cost(o, "naive", m.naive());
        }
        // one line, decimals plain, like every --json output
        return ReplyJson.writeTree(array);
    }

    private static void cost(ObjectNode o, String prefix, Cost c) {
        o.put(prefix + "DynamoDbItems", c.dynamoDbItems());
        o.put(prefix + "PostgresRows", c.postgresRows());
        o.put(prefix + "PostgresRowsScanned", c.postgresScanned());
        o.put(prefix + "ReadUnits", c.readUnits());
        o.put(prefix + "DynamoDbCalls", c.dynamoDbCalls());
        o.put(prefix + "PostgresCalls", c.postgresCalls());
        o.put(prefix + "MedianMillis", round(c.medianMillis()));
        o.put(prefix + "PeakHeapBytes", c.peakHeapBytes());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String table(List<Measurement> results) {
        StringBuilder t = new StringBuilder();
        t.append(String.format("%-32s %6s %7s | %8s %8s %9s %8s %6s %9s %7s | %8s %8s %9s %8s %6s %9s %7s | %6s%n",
                "query", "answer", "correct",
                "e.ddb", "e.pg", "e.pgScan", "e.rcu", "e.call", "e.ms", "e.heapMB",
                "n.ddb", "n.pg", "n.pgScan", "n.rcu", "n.call", "n.ms", "n.heapMB", "ratio"));
        long engineItems = 0;
        long naiveItems = 0;
        for (Measurement m : results) {
            Cost e = m.engine();
            Cost n = m.naive();
            t.append(String.format("%-32s %6d %7s | %8d %8d %9d %8.1f %6d %9.1f %7.1f | %8d %8d %9d %8.1f %6d %9.1f %7.1f | %6.1f%n",
                    m.name(), m.answerRows(), m.correct() ? "yes" : "NO",
                    e.dynamoDbItems(), e.postgresRows(), e.postgresScanned(), e.readUnits(), e.calls(), e.medianMillis(),
                    e.peakHeapBytes() / 1e6,
                    n.dynamoDbItems(), n.postgresRows(), n.postgresScanned(), n.readUnits(), n.calls(), n.medianMillis(),
                    n.peakHeapBytes() / 1e6, ratio(n.itemsRead(), e.itemsRead())));
            engineItems += e.itemsRead();
            naiveItems += n.itemsRead();
        }
        t.append(String.format("%nTotal: the engine read %d items and rows, the naive way %d (%.1fx more).%n",
                engineItems, naiveItems, ratio(naiveItems, engineItems)));
        t.append("Plans:\n");
        for (Measurement m : results) {
            t.append("  ").append(m.name()).append(": ").append(m.error() != null ? m.error() : m.plan()).append('\n');
        }
        return t.toString();
    }
}
