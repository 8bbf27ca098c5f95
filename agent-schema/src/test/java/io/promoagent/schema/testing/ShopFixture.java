package io.promoagent.schema.testing;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small shop in two sources (customers in {@code crm}; orders and promotions in {@code sales}) whose
 * rows are written by hand so that a test can name the expected answer. Today is 2026-06-30.
 */
public final class ShopFixture {

    public static final LocalDate TODAY = LocalDate.parse("2026-06-30");
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);

    /** The model: every field type, a hidden and a ui field, rules using rules and relationships, measures. */
    public static final String MODEL_YAML = """
            sources:
              - {id: crm, kind: memory}
              - {id: sales, kind: memory}
            entities:
              - name: customers
                source: crm
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: name, type: string}
                  - {name: email, type: string, visibility: ui}
                  - {name: notes, type: string, visibility: hidden}
                  - name: segment
                    type: enum
                    values: [VIP, Premium, Regular]
                  - {name: total_spent, type: number}
                  - {name: order_count, type: integer}
                  - {name: join_date, type: date}
                  - {name: last_login, type: timestamp}
                  - name: country
                    type: enum
                    values: [US, GB, DE]
                  - {name: marketing_opt_in, type: boolean}
              - name: orders
                source: sales
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: customer_id, type: string}
                  - {name: order_date, type: date}
                  - {name: order_month, type: string, bucket: {of: order_date, unit: month}}
                  - {name: total, type: number}
                  - {name: cost_of_goods, type: number}
                  - name: status
                    type: enum
                    values: [completed, cancelled, refunded]
                  - {name: promotion_code, type: string}
                  - {name: items, type: integer}
              - name: promotions
                source: sales
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: code, type: string}
                  - name: status
                    type: enum
                    values: [draft, active, expired]
                  - {name: discount_value, type: number}
            relationships:
              - {name: customer, from: orders.customer_id, to: customers.id, cardinality: many_to_one, inverse: orders}
              - {name: promotion, from: orders.promotion_code, to: promotions.code, cardinality: many_to_one, inverse: orders}
            rules:
              - name: vip
                entity: customers
                where: {type: compare, field: segment, op: eq, value: VIP}
              - name: recent_orders
                entity: orders
                parameters: [{name: days, type: integer, default: 30}]
                where: {type: within, field: order_date, range: {type: last, amount: {param: days}, unit: day}}
              - name: active_buyer
                entity: customers
                parameters: [{name: days, type: integer, default: 30}]
                where:
                  type: related
                  via: orders
                  where: {type: rule, rule: recent_orders, args: {days: {param: days}}}
                  exists: true
              - name: vip_active_buyer
                entity: customers
                where:
                  type: and
                  operands:
                    - {type: rule, rule: vip}
                    - {type: rule, rule: active_buyer, args: {days: 60}}
            measures:
              - name: revenue
                entity: orders
                aggregate: {fn: sum, field: total, where: {type: compare, field: status, op: eq, value: completed}}
              - name: average_order_value
                entity: orders
                aggregate: {fn: avg, field: total, where: {type: compare, field: status, op: eq, value: completed}}
              - name: cost_of_goods_sold
                entity: orders
                aggregate: {fn: sum, field: cost_of_goods, where: {type: compare, field: status, op: eq, value: completed}}
              - name: gross_margin
                entity: orders
                expression: "(revenue - cost_of_goods_sold) / revenue"
              - name: order_volume
                entity: orders
                aggregate: {fn: count}
              - name: refund_count
                entity: orders
                aggregate: {fn: count, where: {type: compare, field: status, op: eq, value: refunded}}
              - name: revenue_per_refund
                entity: orders
                expression: "revenue / refund_count"
              - name: vip_sales
                entity: orders
                aggregate:
                  fn: sum
                  field: total
                  where: {type: related, via: customer, where: {type: compare, field: segment, op: eq, value: VIP}, exists: true}
            """;

    private ShopFixture() {
    }

    public static DataModel model() {
        return DataModelYaml.parse(MODEL_YAML, "shop.yaml");
    }

    public static Map<String, List<Row>> data() {
        Map<String, List<Row>> data = new LinkedHashMap<>();
        data.put("customers", List.of(
                row("id", "C1", "name", "John Smith", "email", "john@example.com", "notes", "likes hats",
                        "segment", "VIP", "total_spent", "2500.00", "order_count", 3, "join_date", "2024-01-15",
                        "last_login", "2026-06-29T22:30:00-05:00", "country", "US", "marketing_opt_in", true),
                row("id", "C2", "name", "Jane Doe", "email", "jane@example.com", "segment", "Premium",
                        "total_spent", "800.50", "order_count", 2, "join_date", "2026-06-10",
                        "last_login", "2026-06-01T10:00:00Z", "country", "GB", "marketing_opt_in", false),
                row("id", "C3", "name", "johnny Cash", "segment", "Regular", "total_spent", "0",
                        "order_count", 0, "join_date", "2025-12-31", "country", "DE"),
                row("id", "C4", "name", "Ann Lee", "email", "ann@example.com", "segment", "VIP",
                        "total_spent", "3000", "order_count", 1, "join_date", "2023-05-05", "country", "US",
                        "marketing_opt_in", true)));
        data.put("orders", List.of(
                order("O1", "C1", "2026-06-25", "100.00", "50.00", "completed", "SUMMER", 2),
                order("O2", "C1", "2026-05-10", "60", "30", "completed", null, 1),
                order("O3", "C1", "2025-12-31", "40.5", "20", "refunded", null, 1),
                order("O4", "C2", "2026-06-01", "500.25", "300", "completed", "SUMMER", 5),
                order("O5", "C2", "2026-01-01", "300.25", "150", "cancelled", null, 3),
                order("O6", "C9", "2026-06-30", "10", "5", "completed", null, 1),
                order("O7", "C4", "2024-02-29", "3000", "1500", "completed", "OLD", 4)));
        data.put("promotions", List.of(
                row("id", "P1", "code", "SUMMER", "status", "active", "discount_value", 10),
                row("id", "P2", "code", "OLD", "status", "expired", "discount_value", 5)));
        return data;
    }

    /** The rows of one source: the entities it stores. */
    public static Map<String, List<Row>> source(Map<String, List<Row>> data, String... entities) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (String e : entities) {
            out.put(e, data.getOrDefault(e, List.of()));
        }
        return out;
    }

    private static Row order(String id, String customer, String date, String total, String cost, String status,
                             String promotion, int items) {
        return row("id", id, "customer_id", customer, "order_date", date, "order_month", date.substring(0, 7),
                "total", total, "cost_of_goods", cost, "status", status, "promotion_code", promotion, "items", items);
    }

    /**
     * A row from name, value pairs: numbers may be given as int or as decimal text for the fields whose
     * names say they are money ({@code total}, {@code cost_of_goods}, {@code total_spent}); null is absent.
     */
    public static Row row(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object v = pairs[i + 1];
            if (v instanceof Integer n) {
                v = BigDecimal.valueOf(n);
            } else if (v instanceof String s && MONEY.contains(name)) {
                v = new BigDecimal(s);
            }
            values.put(name, v);
        }
        return new Row(values);
    }

    private static final java.util.Set<String> MONEY = java.util.Set.of("total", "cost_of_goods", "total_spent");
}
