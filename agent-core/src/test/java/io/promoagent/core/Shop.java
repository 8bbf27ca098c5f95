package io.promoagent.core;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small shop for tests: customers with a {@code ui} e-mail, a {@code hidden} phone and a {@code ui}
 * enum, orders, a rule and a measure, and the rows of an in-memory source.
 */
public final class Shop {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);

    private Shop() {
    }

    public static DataModel model() {
        return DataModel.builder()
                .source("main", "memory")
                .entity(Entity.builder("customers").source("main").description("People who bought from us")
                        .synonyms("clients")
                        .key("id")
                        .field("id", FieldType.STRING)
                        .field("name", FieldType.STRING)
                        .field(Field.of("email", FieldType.STRING).withVisibility(Visibility.UI))
                        .field(Field.of("phone", FieldType.STRING).withVisibility(Visibility.HIDDEN))
                        .field(Field.of("segment", FieldType.ENUM).withValues(
                                EnumValue.of("VIP"), EnumValue.of("Premium"), EnumValue.of("Regular")))
                        .field(Field.of("mood", FieldType.ENUM).withVisibility(Visibility.UI)
                                .withValues(EnumValue.of("SecretHappy"), EnumValue.of("SecretGrumpy")))
                        .field("total_spent", FieldType.NUMBER)
                        .field("country", FieldType.STRING)
                        .build())
                .entity(Entity.builder("orders").source("main").description("Purchases")
                        .key("id")
                        .field("id", FieldType.STRING)
                        .field("customer_id", FieldType.STRING)
                        .field("total", FieldType.NUMBER)
                        .field(Field.of("status", FieldType.ENUM).withValues(
                                EnumValue.of("completed"), EnumValue.of("refunded")))
                        .field("order_date", FieldType.DATE)
                        .build())
                .manyToOne("customer", "orders.customer_id", "customers.id", "orders")
                .rule(new Rule("vip", "customers", "Customers in the VIP segment", List.of("big spenders"), List.of(),
                        "{\"type\":\"compare\",\"field\":\"segment\",\"op\":\"eq\",\"value\":\"VIP\"}"))
                .measure(new Measure("revenue", "orders", "Total of completed orders", List.of("sales"),
                        new MeasureExpression.Aggregation(AggregateFunction.SUM, Optional.of("total"),
                                Optional.of(Compare.eq("status", "completed")))))
                .build();
    }

    /** {@code n} customers; customer i has e-mail {@code secret-i@mail.test} and phone {@code +99-i}. */
    public static List<Row> customers(int n) {
        List<Row> rows = new ArrayList<>();
        String[] segments = {"VIP", "Premium", "Regular"};
        for (int i = 1; i <= n; i++) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", String.format("C%05d", i));
            v.put("name", "Customer " + i);
            v.put("email", email(i));
            v.put("phone", "+99-" + i);
            v.put("segment", segments[i % 3]);
            v.put("mood", i % 2 == 0 ? "SecretHappy" : "SecretGrumpy");
            v.put("total_spent", new BigDecimal(100 * i + ".50"));
            v.put("country", i % 2 == 0 ? "DE" : "FR");
            rows.add(Row.of(v));
        }
        return rows;
    }

    public static String email(int i) {
        return "secret-" + i + "@mail.test";
    }

    public static List<Row> orders(int customers) {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= customers; i++) {
            for (int k = 0; k < 2; k++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", "O" + i + "-" + k);
                v.put("customer_id", String.format("C%05d", i));
                v.put("total", new BigDecimal("25.25"));
                v.put("status", k == 0 ? "completed" : "refunded");
                v.put("order_date", "2026-06-0" + (1 + k));
                rows.add(Row.of(v));
            }
        }
        return rows;
    }

    /** An engine over {@code n} customers and their orders held in memory. */
    public static QueryEngine engine(int customers) {
        return QueryEngine.builder(model())
                .source(new InMemoryDataSource("main", Map.of("customers", customers(customers),
                        "orders", orders(customers))))
                .clock(CLOCK)
                .build();
    }
}
