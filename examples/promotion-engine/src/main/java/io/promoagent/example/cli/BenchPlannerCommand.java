package io.promoagent.example.cli;

import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.DemoLayout;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.schema.AgentException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code promo-agent bench planner}: how long the offline planner takes to plan the development set's read
 * requests, and how long answering them takes end to end over the demo data in embedded DynamoDB Local.
 * A benchmark, not a test: it prints medians and 99th percentiles of one run.
 */
public final class BenchPlannerCommand implements Command {

    /** The read requests of the development set (shared/NL-DEV-SET.md), the benchmark's fixed workload. */
    static final List<String> READ_REQUESTS = List.of(
            "Show VIP customers", "list our premium customers", "Show customers who spent > $1000",
            "customers with total spend between 500 and 800 dollars", "Which customers joined in the last 2 weeks?",
            "new customers", "customers from Germany", "Find John Smith", "show customer C00042",
            "VIP customers who opted in to marketing", "reachable VIP customers", "lapsed customers",
            "VIP customers with recent orders", "premium customers who haven't ordered in 60 days",
            "customers with more than 10 orders", "Recent orders", "orders over $250 placed this month",
            "refunded orders from last month", "orders by John Smith", "show active promotions",
            "which promotions expire this week", "promotions that are paused", "How many VIP customers do we have?",
            "total revenue last month", "average order value by channel", "average order value by customer segment",
            "number of customers per segment", "top 5 customers by total spent", "what was our best month for revenue this year");

    private static final Set<String> VALUES = CommandArguments.union(DemoDataOptions.OPTIONS, Set.of("--rounds", "--query-cache"));
    private static final Set<String> FLAGS = Set.of("--json", "--help");

    private final Clock clock;

    /** @param clock tells what today is when {@code --now} is not given */
    public BenchPlannerCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "bench planner";
    }

    @Override
    public String summary() {
        return "Time the offline planner and end-to-end answers over the development set's read requests";
    }

    @Override
    public String synopsis() {
        return DemoDataOptions.SYNOPSIS + " [--rounds N] [--query-cache SECONDS] [--json]";
    }

    @Override
    public String help() {
        return EngineArguments.demoDataHelp(this, "the data and the requests treat",
                "  --rounds N           timed rounds over the " + READ_REQUESTS.size()
                        + " requests after 3 warm-up rounds (default 20)",
                "  --query-cache SECONDS   the caches' time to live (default " + EngineOptions.DEFAULT_QUERY_CACHE.toSeconds()
                        + "); 0 times every answer from DynamoDB Local",
                "  --json               one JSON object instead of a table", "");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments a = CommandArguments.parse(args, VALUES, FLAGS);
        if (a.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        DemoDataOptions data = DemoDataOptions.parse(a, LocalDate.now(clock));
        // the planner bench keeps the layout its published figures were measured in
        EngineOptions demo = data.engineOptions().withLayout(DemoLayout.DYNAMODB);
        int rounds = (int) a.longValue("--rounds", 20, 1, 10_000);
        Duration cache = EngineArguments.queryCache(a);
        err.printf("Loading %s into DynamoDB Local...%n", data.describe());
        TerminalProgress progress = TerminalProgress.forProcess(err, System.getenv());
        try (PromotionEngine engine = PromotionEngine.start(demo.withQueryCache(cache), progress)) {
            int offline = 0;
            int errors = 0;
            for (String q : READ_REQUESTS) {
                Plan plan = engine.plan(DemoUsers.ANALYST, q);
                if (plan instanceof ReadPlan && ConfidencePolicy.DEFAULT.isSure(plan)) {
                    offline++;
                }
            }
            List<Long> planNanos = new ArrayList<>();
            List<Long> endToEndNanos = new ArrayList<>();
            java.util.Map<String, List<Long>> byRequest = new java.util.LinkedHashMap<>();
            for (int round = -3; round < rounds; round++) {
                progress.count("rounds (3 to warm up)", round + 3, rounds + 3);
                for (String q : READ_REQUESTS) {
                    long t0 = System.nanoTime();
                    engine.plan(DemoUsers.ANALYST, q);
                    long t1 = System.nanoTime();
                    Reply reply = engine.ask(DemoUsers.ANALYST, "bench", q, p -> { });
                    long t2 = System.nanoTime();
                    if (round >= 0) {
                        planNanos.add(t1 - t0);
                        endToEndNanos.add(t2 - t1);
                        byRequest.computeIfAbsent(q, k -> new ArrayList<>()).add(t2 - t1);
                        if (reply.blocks().stream().anyMatch(ErrorBlock.class::isInstance)) {
                            errors++;
                        }
                    }
                }
            }
            progress.count("rounds (3 to warm up)", rounds + 3, rounds + 3);
            double[] plan = millis(planNanos);
            double[] e2e = millis(endToEndNanos);
            if (a.hasFlag("--json")) {
                out.printf(Locale.ROOT, "{\"requests\":%d,\"rounds\":%d,\"customers\":%d,\"answeredOffline\":%d,"
                                + "\"errors\":%d,\"planningMs\":{\"p50\":%.3f,\"p99\":%.3f},\"endToEndMs\":{\"p50\":%.3f,\"p99\":%.3f}}%n",
                        READ_REQUESTS.size(), rounds, demo.customers(), offline, errors, plan[0], plan[1], e2e[0], e2e[1]);
            } else {
                out.printf(Locale.ROOT, "%d read requests x %d rounds over %d customers; %d of %d planned offline with"
                        + " confidence; %d error replies%n", READ_REQUESTS.size(), rounds, demo.customers(), offline,
                        READ_REQUESTS.size(), errors);
                out.printf(Locale.ROOT, "planning     p50 %8.3f ms   p99 %8.3f ms%n", plan[0], plan[1]);
                out.printf(Locale.ROOT, "end to end   p50 %8.3f ms   p99 %8.3f ms%n", e2e[0], e2e[1]);
                out.println();
                out.println("end-to-end median by request:");
                byRequest.forEach((q, times) -> out.printf(Locale.ROOT, "  %8.1f ms  %s%n", millis(times)[0], q));
            }
            return PromoAgentCli.EXIT_SUCCESS;
        } catch (AgentException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
    }

    /** Median and 99th percentile, in milliseconds. */
    static double[] millis(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6};
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

}
