package io.promoagent.core.query;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.source.Explanation;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a query would read, estimated before it runs from the engine's explanation of it (which reads no
 * record): per source call the native statement, the access path, the read units or rows and cost, and in
 * total the read units, the records examined, the records that cross between sources and what the DynamoDB
 * reads would cost on demand.
 *
 * <p>The figures are the sources' own estimates: DynamoDB's from the table's size (DescribeTable),
 * PostgreSQL's from its planner ({@code EXPLAIN}). A call whose source cannot say how many records it
 * examines (a key lookup whose keys are known only while running) counts as none, so the totals are a
 * lower bound when {@link #rowsComplete()} is false.
 *
 * @param entity       the entity the query asks for
 * @param reads        one entry per source call, in the order the engine makes them
 * @param readUnits    the DynamoDB read units of all calls
 * @param rowsScanned  the records all calls examine, as far as their sources can say
 * @param rowsComplete whether every call said how many records it examines
 * @param crossingRows the records read from sources other than the entity's own, which cross to be joined
 * @param cost         what the read units cost at {@code pricing}
 * @param pricing      the on-demand price the cost was computed with
 */
public record ReadEstimate(String entity, List<SourceRead> reads, double readUnits, long rowsScanned,
                           boolean rowsComplete, long crossingRows, BigDecimal cost, ReadPricing pricing) {

    private static final Pattern DESCRIBED_ITEMS = Pattern.compile("from DescribeTable: (\\d+) items");
    private static final Pattern PLANNER_ROWS = Pattern.compile("^estimated rows: (\\d+)");
    private static final Pattern PLANNER_COST = Pattern.compile("^estimated total cost: ([0-9.]+)");

    public ReadEstimate {
        Objects.requireNonNull(entity, "entity");
        reads = List.copyOf(reads);
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(pricing, "pricing");
    }

    /**
     * One call to one source.
     *
     * @param source      the source's id
     * @param kind        the source's kind ({@code dynamodb}, {@code jdbc}, {@code memory})
     * @param operation   the native operation ({@code Query}, {@code Scan}, {@code SELECT}, {@code Lookup})
     * @param accessPath  the table or index
     * @param nativeQuery the native statement
     * @param readUnits   its DynamoDB read units, 0 for other sources
     * @param rows        the records it examines, when the source can say
     * @param plannerCost PostgreSQL's planner cost, when the source is PostgreSQL
     * @param fullScan    whether it reads a whole DynamoDB table
     * @param notes       the source's further facts
     */
    public record SourceRead(String source, String kind, String operation, String accessPath, String nativeQuery,
                             double readUnits, OptionalLong rows, OptionalDouble plannerCost, boolean fullScan,
                             List<String> notes) {
        public SourceRead {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(accessPath, "accessPath");
            Objects.requireNonNull(nativeQuery, "nativeQuery");
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(plannerCost, "plannerCost");
            notes = List.copyOf(notes);
        }
    }

    /** The estimate of the calls {@code explanations} describe, for a query on {@code entity}. */
    public static ReadEstimate of(DataModel model, String entity, List<Explanation> explanations, ReadPricing pricing) {
        String home = model.requireEntity(entity).source();
        List<SourceRead> reads = new ArrayList<>();
        double units = 0;
        long rows = 0;
        long crossing = 0;
        boolean complete = true;
        Set<String> sources = new LinkedHashSet<>();
        for (Explanation x : explanations) {
            String kind = model.source(x.source()).map(Source::kind).orElse("unknown");
            OptionalLong examined = rows(x, kind);
            boolean fullScan = kind.equals("dynamodb") && x.operation().equals("Scan");
            reads.add(new SourceRead(x.source(), kind, x.operation(), x.accessPath(), x.nativeQuery(),
                    x.estimatedReadUnits(), examined, plannerCost(x), fullScan, x.notes()));
            units += x.estimatedReadUnits();
            sources.add(x.source());
            if (examined.isPresent()) {
                rows += examined.getAsLong();
                if (!x.source().equals(home)) {
                    crossing += examined.getAsLong();
                }
            } else {
                complete = false;
            }
        }
        return new ReadEstimate(entity, reads, units, rows, complete, sources.size() > 1 ? crossing : 0,
                pricing.cost(units), pricing);
    }

    /**
     * What {@code queries}, read one after another on {@code engine}, would read, from the engine's explanation
     * of each (no record is read), as one estimate on the first query's entity: what a tool that reads through
     * the engine asks the {@link ReadGuard} with before its first read.
     *
     * @throws IllegalArgumentException when there is no query
     */
    public static ReadEstimate of(QueryEngine engine, List<Query> queries, ReadPricing pricing) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries to estimate");
        }
        List<ReadEstimate> each = queries.stream()
                .map(q -> of(engine.model(), q.entity(), engine.explain(q), pricing)).toList();
        return together(queries.get(0).entity(), each);
    }

    /**
     * Several queries read one after another (the reads of a computed table) as one estimate on {@code entity}:
     * their calls in order, and their read units, records, crossing records and cost added up.
     *
     * @throws IllegalArgumentException when there is no estimate
     */
    public static ReadEstimate together(String entity, List<ReadEstimate> estimates) {
        if (estimates.isEmpty()) {
            throw new IllegalArgumentException("no estimates to add up");
        }
        ReadPricing pricing = estimates.get(0).pricing();
        List<SourceRead> reads = new ArrayList<>();
        double units = 0;
        long rows = 0;
        long crossing = 0;
        boolean complete = true;
        for (ReadEstimate e : estimates) {
            reads.addAll(e.reads());
            units += e.readUnits();
            rows += e.rowsScanned();
            crossing += e.crossingRows();
            complete &= e.rowsComplete();
        }
        return new ReadEstimate(entity, reads, units, rows, complete, crossing, pricing.cost(units), pricing);
    }

    /**
     * The records a call examines: the source's estimate, or where a source does not fill it in yet, the
     * figure its notes give (PostgreSQL's planner rows, the item count DescribeTable gave for a Scan).
     */
    private static OptionalLong rows(Explanation x, String kind) {
        if (x.estimatedRows().isPresent()) {
            return x.estimatedRows();
        }
        for (String note : x.notes()) {
            Matcher planner = PLANNER_ROWS.matcher(note);
            if (kind.equals("jdbc") && planner.find()) {
                return OptionalLong.of(Long.parseLong(planner.group(1)));
            }
            Matcher described = DESCRIBED_ITEMS.matcher(note);
            if (kind.equals("dynamodb") && x.operation().equals("Scan") && described.find()) {
                return OptionalLong.of(Long.parseLong(described.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalDouble plannerCost(Explanation x) {
        for (String note : x.notes()) {
            Matcher m = PLANNER_COST.matcher(note);
            if (m.find()) {
                return OptionalDouble.of(Double.parseDouble(m.group(1)));
            }
        }
        return OptionalDouble.empty();
    }

    /** One sentence: the calls, the records, the read units and the money. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(reads.size() == 1 ? "1 source call" : reads.size() + " source calls");
        if (rowsComplete || rowsScanned > 0) {
            s.append(rowsComplete ? ", about " : ", at least ").append(Counts.of(rowsScanned))
                    .append(rowsScanned == 1 ? " record" : " records").append(" examined");
        }
        if (readUnits > 0) {
            s.append(", ").append(Counts.of(readUnits)).append(" DynamoDB read units (").append(money()).append(")");
        }
        if (crossingRows > 0) {
            s.append(", ").append(Counts.of(crossingRows)).append(" records crossing between sources");
        }
        return s.toString();
    }

    /** The estimate in plain words, one call a line, for a person to read before the query runs. */
    public String describe() {
        StringBuilder s = new StringBuilder("Reading the " + entity + " would take " + summary() + ".\n");
        for (int i = 0; i < reads.size(); i++) {
            SourceRead r = reads.get(i);
            s.append(i + 1).append(". ").append(r.source()).append(": ").append(r.operation()).append(" on ")
                    .append(r.accessPath());
            r.rows().ifPresent(n -> s.append(", about ").append(Counts.of(n)).append(n == 1 ? " record" : " records"));
            if (r.readUnits() > 0) {
                s.append(", ").append(Counts.of(r.readUnits())).append(" read units");
            }
            r.plannerCost().ifPresent(c -> s.append(", planner cost ").append(String.format(Locale.ROOT, "%,.2f", c)));
            if (r.fullScan()) {
                s.append(" (reads the whole table)");
            }
            s.append("\n   ").append(r.nativeQuery()).append('\n');
        }
        if (readUnits > 0) {
            s.append("DynamoDB on-demand price: ").append(pricing.currency()).append(' ')
                    .append(pricing.perMillionReadUnits().toPlainString()).append(" per million read request units (")
                    .append(pricing.region()).append(", since ").append(pricing.asOf()).append(").\n");
        }
        if (!rowsComplete) {
            s.append("Not every call says how many records it examines; those it does not are not counted.\n");
        }
        return s.toString();
    }

    /** The cost as a person reads it, to two significant digits: "USD 0.0019". */
    public String money() {
        return pricing.currency() + " " + (cost.signum() == 0 ? "0" : cost.round(new MathContext(2)).toPlainString());
    }
}
