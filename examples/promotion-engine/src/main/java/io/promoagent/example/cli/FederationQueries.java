package io.promoagent.example.cli;

import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import java.util.List;

/**
 * The fixed set of {@code bench federation}: questions whose answer needs customers (DynamoDB) and orders
 * (PostgreSQL) together, written as the typed queries a model or the planner sends, in the query IR's JSON
 * form. Nothing in the engine knows them.
 */
final class FederationQueries {

    /**
     * One question of the set.
     *
     * @param name     a short name (the JSON's {@code name})
     * @param question the question in words
     * @param query    the typed query
     * @param entities the entities the query reads: what the naive way reads whole
     */
    record BenchQuery(String name, String question, Query query, List<String> entities) {
    }

    private static final List<String> CUSTOMERS_AND_ORDERS = List.of("customers", "orders");

    private FederationQueries() {
    }

    static List<BenchQuery> all() {
        return List.of(
                new BenchQuery("vip_recent_orders", "VIP customers with orders in the last 30 days", QueryJson.read("""
                        {"entity": "customers", "where": {"type": "and", "operands": [
                          {"type": "rule", "rule": "vip"},
                          {"type": "related", "via": "orders", "exists": true, "where": {"type": "rule", "rule": "recent_orders"}}]}}
                        """), CUSTOMERS_AND_ORDERS),
                new BenchQuery("revenue_by_segment_this_quarter", "Revenue by customer segment this quarter", QueryJson.read("""
                        {"entity": "orders",
                         "where": {"type": "within", "field": "order_date", "range": {"type": "calendar", "unit": "quarter", "offset": 0}},
                         "groupBy": [{"field": "customer.segment"}], "aggregates": [{"measure": "revenue"}],
                         "orderBy": [{"by": "revenue", "direction": "desc"}]}
                        """), CUSTOMERS_AND_ORDERS),
                // "opted out" is the data model's own word for an e-mail status of unsubscribed
                new BenchQuery("promo_code_buyers_opted_out", "Customers who ordered with a promotion code and opted out of e-mail",
                        QueryJson.read("""
                        {"entity": "customers", "where": {"type": "and", "operands": [
                          {"type": "compare", "field": "email_status", "op": "eq", "value": "unsubscribed"},
                          {"type": "related", "via": "orders", "exists": true,
                           "where": {"type": "not", "operand": {"type": "compare", "field": "promotion_code", "op": "is_null"}}}]}}
                        """), CUSTOMERS_AND_ORDERS),
                new BenchQuery("top_customers_by_revenue", "The 10 customers with the most revenue, with their segment", QueryJson.read("""
                        {"entity": "orders",
                         "groupBy": [{"field": "customer_id"}, {"field": "customer.segment"}],
                         "aggregates": [{"measure": "revenue"}],
                         "orderBy": [{"by": "revenue", "direction": "desc"}], "limit": 10}
                        """), CUSTOMERS_AND_ORDERS),
                new BenchQuery("lapsed_vips_last_order", "Lapsed VIP customers with their last order", QueryJson.read("""
                        {"entity": "orders", "fields": ["id", "customer_id", "order_date", "total", "status"],
                         "where": {"type": "and", "operands": [
                           {"type": "related", "via": "customer", "exists": true, "where": {"type": "and", "operands": [
                             {"type": "rule", "rule": "vip"}, {"type": "rule", "rule": "lapsed_customer"}]}},
                           {"type": "test", "left": {"field": "order_date"}, "op": "eq", "right": {"field": "customer.last_order_date"}}]},
                         "select": [{"expr": {"field": "customer.name"}, "as": "customer"}]}
                        """), CUSTOMERS_AND_ORDERS));
    }
}
