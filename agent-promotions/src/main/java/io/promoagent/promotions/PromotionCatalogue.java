package io.promoagent.promotions;

import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.ToolException;
import io.promoagent.core.query.ReadLog;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.schema.ir.And;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the promotion tools read, all through the query engine: promotions, audience counts, average order
 * values and the orders that carry codes.
 */
final class PromotionCatalogue {

    static final String PROMOTIONS = "promotions";
    static final String CUSTOMERS = "customers";
    static final String ORDERS = "orders";
    static final String ORDER_CODE = "promotion_code";
    static final String ORDER_TOTAL = "total";
    static final String ORDER_STATUS = "status";
    static final String ORDER_CUSTOMER = "customer_id";
    static final String ORDER_CUSTOMER_NAVIGATION = "customer";
    static final String COMPLETED = "completed";
    static final String CUSTOMER_SINCE = "join_date";
    static final String ORDER_DATE = "order_date";

    /** The most values one {@code in} comparison carries (the query validator's limit). */
    private static final int IN_CHUNK = 100;

    private final DataModel model;
    private final QueryEngine engine;
    private final Entity promotions;

    PromotionCatalogue(DataModel model, QueryEngine engine) {
        this.model = model;
        this.engine = engine;
        this.promotions = model.requireEntity(PROMOTIONS);
    }

    /**
     * The ids of the customers in a promotion's audience on its first day: joined by then and selected by its
     * audience as of that day (see {@link AudienceAtDate} for what "as of" can and cannot mean).
     */
    Set<String> audienceOnFirstDay(Promotion promotion) {
        return audienceOnFirstDay(promotion, new ReadLog());
    }

    /** The same, keeping the query it reads in {@code log}. */
    Set<String> audienceOnFirstDay(Promotion promotion, ReadLog log) {
        Set<String> ids = new HashSet<>();
        for (Row row : log.execute(engine, audienceQuery(promotion), CUSTOMERS + ": " + promotion.code()
                + "'s audience on its first day, " + promotion.startsAt() + " (its measured uplift)").rows()) {
            ids.add(String.valueOf(row.valueOrNull("id")));
        }
        return ids;
    }

    /** The query {@link #audienceOnFirstDay(Promotion, ReadLog)} reads. */
    Query audienceQuery(Promotion promotion) {
        Filter joined = Compare.of(CUSTOMER_SINCE, Operator.LTE, promotion.startsAt().toString());
        Filter where = promotion.audience().filter()
                .map(f -> (Filter) new And(List.of(joined, AudienceAtDate.anchor(model, f, promotion.startsAt()))))
                .orElse(joined);
        return Query.builder(CUSTOMERS).fields("id").where(where).noLimit().build();
    }

    /** Seasonal indices of the orders, and the other insights, for the prediction model. */
    CustomerInsights insights() {
        return CustomerInsights.of(model, engine);
    }

    /**
     * Whether an audience selects by the same condition on every day from {@code first} to {@code last}: false
     * for rules with relative time ranges ("joined in the last 30 days"), whose members change as days pass.
     */
    boolean isSteady(Audience audience, LocalDate first, LocalDate last) {
        return audience.filter().map(f -> AudienceAtDate.anchor(model, f, first).equals(AudienceAtDate.anchor(model, f,
                last))).orElse(true);
    }

    /** Every order placed from {@code from} to {@code to}, both included: customer, total and status. */
    List<Row> ordersBetween(LocalDate from, LocalDate to) {
        return ordersBetween(from, to, new ReadLog(), "");
    }

    /** The same, keeping the query it reads in {@code log} with what it feeds. */
    List<Row> ordersBetween(LocalDate from, LocalDate to, ReadLog log, String purpose) {
        return log.execute(engine, ordersBetweenQuery(from, to), purpose).rows();
    }

    /** The query {@link #ordersBetween(LocalDate, LocalDate, ReadLog, String)} reads. */
    Query ordersBetweenQuery(LocalDate from, LocalDate to) {
        return Query.builder(ORDERS).fields(ORDER_CUSTOMER, ORDER_TOTAL, ORDER_STATUS)
                .where(Compare.of(ORDER_DATE, Operator.BETWEEN, from.toString(), to.toString())).noLimit().build();
    }

    QueryEngine engine() {
        return engine;
    }

    Entity promotionsEntity() {
        return promotions;
    }

    /** Every promotion, in the order the store gives them. */
    List<StoredPromotion> all() {
        return all(new ReadLog());
    }

    /** The same, keeping the query it reads in {@code log}. */
    List<StoredPromotion> all(ReadLog log) {
        return read(Optional.empty(), log, PROMOTIONS + ": every promotion's terms, status and budget");
    }

    /** The query {@link #all(ReadLog)} reads. */
    Query allQuery() {
        return Query.builder(PROMOTIONS).build();
    }

    Optional<StoredPromotion> byCode(String code) {
        return read(Optional.of(Compare.eq(PromotionRow.CODE, code)), new ReadLog(), "").stream().findFirst();
    }

    Optional<StoredPromotion> byId(String id) {
        return read(Optional.of(Compare.eq(PromotionRow.ID, id)), new ReadLog(), "").stream().findFirst();
    }

    private List<StoredPromotion> read(Optional<Filter> where, ReadLog log, String purpose) {
        Query.Builder q = Query.builder(PROMOTIONS);
        where.ifPresent(q::where);
        List<StoredPromotion> stored = new ArrayList<>();
        for (Row row : log.execute(engine, q.build(), purpose).rows()) {
            try {
                stored.add(new StoredPromotion(row, Promotion.fromRow(row), RecordVersion.of(promotions, row)));
            } catch (InvalidPromotionException e) {
                throw new ToolException("promotion " + row.valueOrNull(PromotionRow.ID) + " in the store is malformed: "
                        + e.getMessage(), e);
            }
        }
        return stored;
    }

    /** How many customers meet the condition (every customer when there is none). */
    long countCustomers(Optional<Filter> where) {
        Query.Builder q = Query.builder(CUSTOMERS).aggregate(Aggregate.count());
        where.ifPresent(q::where);
        return single(engine.execute(q.build()).rows(), "count").map(BigDecimal::longValueExact).orElse(0L);
    }

    /** The average total of completed orders and their number, of the audience's customers, of at least {@code min}. */
    AverageOrder averageOrderValue(Optional<Filter> audience, Optional<BigDecimal> min) {
        List<Filter> conditions = new ArrayList<>();
        conditions.add(Compare.eq(ORDER_STATUS, COMPLETED));
        min.ifPresent(m -> conditions.add(Compare.of(ORDER_TOTAL, Operator.GTE, m)));
        audience.ifPresent(a -> conditions.add(Related.exists(ORDER_CUSTOMER_NAVIGATION, a)));
        Query q = Query.builder(ORDERS)
                .where(conditions.size() == 1 ? conditions.get(0) : new io.promoagent.schema.ir.And(conditions))
                .aggregate(new Aggregate.Of(AggregateFunction.AVG, Optional.of(ORDER_TOTAL), Optional.of("aov")),
                        new Aggregate.Of(AggregateFunction.COUNT, Optional.empty(), Optional.of("orders")))
                .build();
        List<Row> rows = engine.execute(q).rows();
        long orders = single(rows, "orders").map(BigDecimal::longValueExact).orElse(0L);
        return new AverageOrder(orders == 0 ? Optional.empty() : single(rows, "aov"), orders);
    }

    /** The average total of a set of orders, when there are any, and how many there are. */
    record AverageOrder(Optional<BigDecimal> value, long orders) {
    }

    /** The orders that carry each code (customer, total, status), by code; codes without orders map to none. */
    Map<String, List<Row>> ordersWithCodes(Collection<String> codes) {
        return ordersWithCodes(codes, new ReadLog());
    }

    /** The same, keeping the queries it reads in {@code log}. */
    Map<String, List<Row>> ordersWithCodes(Collection<String> codes, ReadLog log) {
        Map<String, List<Row>> byCode = new LinkedHashMap<>();
        codes.forEach(c -> byCode.put(c, new ArrayList<>()));
        List<String> all = List.copyOf(byCode.keySet());
        List<Query> queries = ordersWithCodesQueries(all);
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            Query q = queries.get(i / IN_CHUNK);
            String purpose = ORDERS + ": the orders carrying " + (chunk.size() == 1 ? "the code " + chunk.get(0)
                    : chunk.size() + " codes") + " (redemptions, customers, revenue and discount cost)";
            for (Row row : log.execute(engine, q, purpose).rows()) {
                Object code = row.valueOrNull(ORDER_CODE);
                if (code != null && byCode.containsKey(code)) {
                    byCode.get(code).add(row);
                }
            }
        }
        return byCode;
    }

    /** The queries {@link #ordersWithCodes(Collection, ReadLog)} reads: one per chunk of codes. */
    List<Query> ordersWithCodesQueries(Collection<String> codes) {
        List<String> all = List.copyOf(new LinkedHashSet<>(codes));
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
            queries.add(Query.builder(ORDERS)
                    .fields(ORDER_CUSTOMER, ORDER_TOTAL, ORDER_STATUS, ORDER_CODE)
                    .where(Compare.of(ORDER_CODE, Operator.IN, chunk.toArray()))
                    .build());
        }
        return queries;
    }

    private static Optional<BigDecimal> single(List<Row> rows, String column) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object v = rows.get(0).valueOrNull(column);
        return v instanceof BigDecimal d ? Optional.of(d) : Optional.empty();
    }
}
