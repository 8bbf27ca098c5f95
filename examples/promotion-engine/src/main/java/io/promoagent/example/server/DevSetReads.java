package io.promoagent.example.server;

import java.util.List;

/** The read requests of the development set (shared/NL-DEV-SET.md): what the WebSocket benchmark asks. */
public final class DevSetReads {

    /** Reading customers, reading orders and promotions, and counting, totals and rankings. */
    public static final List<String> REQUESTS = List.of(
            "Show VIP customers",
            "list our premium customers",
            "Show customers who spent > $1000",
            "customers with total spend between 500 and 800 dollars",
            "Which customers joined in the last 2 weeks?",
            "new customers",
            "customers from Germany",
            "Find John Smith",
            "show customer C00042",
            "VIP customers who opted in to marketing",
            "reachable VIP customers",
            "lapsed customers",
            "VIP customers with recent orders",
            "premium customers who haven't ordered in 60 days",
            "customers with more than 10 orders",
            "Recent orders",
            "orders over $250 placed this month",
            "refunded orders from last month",
            "orders by John Smith",
            "show active promotions",
            "which promotions expire this week",
            "promotions that are paused",
            "How many VIP customers do we have?",
            "total revenue last month",
            "average order value by channel",
            "average order value by customer segment",
            "number of customers per segment",
            "top 5 customers by total spent",
            "what was our best month for revenue this year");

    private DevSetReads() {
    }
}
