package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.query.ReadEstimate;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.query.ReadLog;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.Suggestions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code promotion_performance}: redemptions, revenue and discount cost of the orders that carry each
 * promotion's code, and the budget used, for one promotion or several side by side.
 */
final class PromotionPerformanceTool implements ReadTool {

    static final String NAME = "promotion_performance";
    static final int MAX_CODES = 50;

    static final List<String> COLUMNS = List.of("code", "name", "status", "discount_type", "discount_value", "starts_at",
            "ends_at", "redemptions", "customers", "completed_orders", "revenue", "average_order_value", "discount_cost",
            "budget", "budget_used", "budget_used_share", "max_redemptions");

    private final PromotionCatalogue catalogue;
    private final PromotionSettings settings;
    private final Clock clock;
    private final ReadGuard guard;
    private final ToolDescriptor descriptor;

    PromotionPerformanceTool(PromotionCatalogue catalogue, PromotionSettings settings, Clock clock, ReadGuard guard) {
        this.catalogue = catalogue;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
        ObjectNode s = JsonValues.objectSchema();
        JsonValues.property(s, "code", "string", "One promotion's code (SUMMER25)");
        ObjectNode codes = JsonValues.property(s, "codes", "array", "Several codes to compare; leave out code and codes for every promotion");
        codes.putObject("items").put("type", "string");
        codes.put("maxItems", MAX_CODES);
        this.descriptor = ToolDescriptor.of(NAME,
                "How promotions performed: redemptions, customers, revenue and discount cost of the orders carrying "
                        + "each code, and budget used; with a control group, measured uplift. One code, several to "
                        + "compare, or every promotion.",
                s, ToolEffect.READ,
                "performance", "perform", "performed", "results", "redemptions", "redeemed", "uses", "used", "revenue",
                "cost", "roi", "compare", "comparison", "budget", "effective", "effectiveness", "report", "promotion",
                "promo", "discount", "code", "coupon", "campaign");
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        Arguments args = new Arguments(call.arguments());
        Set<String> wanted = new LinkedHashSet<>();
        args.string("code").map(PromotionCodes::normalise).ifPresent(wanted::add);
        args.strings("codes").ifPresent(list -> list.stream().filter(c -> !c.isBlank()).map(PromotionCodes::normalise)
                .forEach(wanted::add));
        if (wanted.size() > MAX_CODES) {
            args.error(ErrorCode.TOO_MANY_ITEMS, "codes", "compare at most " + MAX_CODES + " promotions at once");
        }
        args.throwIfAny();

        ReadLog log = new ReadLog();
        // The promotions are read before the guard is asked: one small record per promotion, and their codes and
        // control groups decide which orders and audiences the rest reads. The estimate includes this read.
        List<StoredPromotion> all = catalogue.all(log);
        Map<String, Promotion> byCode = new LinkedHashMap<>();
        all.forEach(s -> byCode.put(s.code(), s.promotion()));
        List<Promotion> chosen = new ArrayList<>();
        if (wanted.isEmpty()) {
            chosen.addAll(byCode.values());
        } else {
            for (String code : wanted) {
                Promotion p = byCode.get(code);
                if (p == null) {
                    args.error(PromotionErrors.UNKNOWN_PROMOTION, args.has("codes") ? "codes" : "code",
                            "no promotion has the code " + code, Suggestions.rank(code, byCode.keySet()));
                } else {
                    chosen.add(p);
                }
            }
            args.throwIfAny();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean anyControl = chosen.stream().anyMatch(p -> p.controlShare().isPresent());
        Optional<ToolResult> held = guard.hold(call.tool(), call.arguments(), () -> estimate(chosen, today), context);
        if (held.isPresent()) {
            return held.get();
        }
        Map<String, List<Row>> orders = catalogue.ordersWithCodes(chosen.stream().map(Promotion::code).toList(), log);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Promotion p : chosen) {
            Map<String, Object> row = row(p, PromotionResults.of(p, orders.get(p.code()), settings.shippingCost()));
            if (anyControl) {
                MeasuredUplift measured = UpliftMeasurement.measure(catalogue, p, today, log);
                addUplift(row, p, measured);
                measured.unmeasurable().filter(why -> p.controlShare().isPresent()).ifPresent(notes::add);
            }
            rows.add(row);
        }
        String ranking = "";
        if (wanted.isEmpty() && rows.size() > 1) {
            ranking = rankBestFirst(rows);
        } else {
            uncontrolled(chosen, today).ifPresent(notes::add);
        }
        List<String> columns = new ArrayList<>(COLUMNS);
        if (anyControl) {
            columns.addAll(UpliftMeasurement.columns());
        }
        ObjectNode forModel = JsonValues.F.objectNode();
        forModel.put("entity", PromotionCatalogue.PROMOTIONS);
        ArrayNode cols = forModel.putArray("columns");
        columns.forEach(cols::add);
        ArrayNode out = forModel.putArray("rows");
        rows.forEach(r -> out.add(JsonValues.values(r)));
        forModel.put("count", rows.size());
        forModel.put("definitions", "redemptions: orders carrying the code, any status; revenue and discount_cost: "
                + "over its completed orders; budget_used: as recorded on the promotion"
                + (anyControl ? "; uplift: share of treated minus share of held-out audience members (audience on the "
                + "first day) who ordered during the promotion, with a 95% interval; revenue_uplift: the same for "
                + "completed revenue per member; empty where there is no control group" : ""));
        if (!notes.isEmpty()) {
            ArrayNode noted = forModel.putArray("notes");
            notes.forEach(noted::add);
        }
        if (!ranking.isEmpty()) {
            forModel.put("ranked_by", ranking);
        }
        // the person reads the notes too: what cannot be measured is said, never left as an empty column
        String said = notes.isEmpty() ? "" : ". " + String.join("; ", notes);
        return ToolResult.ok(summary(rows) + ranking + said, forModel,
                new TableBlock(PromotionCatalogue.PROMOTIONS, columns, rows, rows.size()).withReads(log.reads()));
    }

    /** What the tool reads for {@code chosen}: the promotions, their orders, and each one's uplift measurement. */
    private ReadEstimate estimate(List<Promotion> chosen, LocalDate today) {
        List<Query> queries = new ArrayList<>();
        queries.add(catalogue.allQuery());
        queries.addAll(catalogue.ordersWithCodesQueries(chosen.stream().map(Promotion::code).toList()));
        chosen.forEach(p -> queries.addAll(UpliftMeasurement.queries(catalogue, p, today)));
        return ReadEstimate.of(catalogue.engine(), queries, guard.pricing());
    }

    /**
     * A plain statement about the chosen promotions that ran without a control group: what they caused cannot be
     * measured, so their figures are what happened, not an effect.
     */
    private static Optional<String> uncontrolled(List<Promotion> chosen, LocalDate today) {
        List<String> codes = chosen.stream().filter(p -> p.controlShare().isEmpty() && !p.startsAt().isAfter(today))
                .map(Promotion::code).toList();
        if (codes.isEmpty()) {
            return Optional.empty();
        }
        boolean one = codes.size() == 1;
        return Optional.of(String.join(", ", codes) + (one ? " has" : " have") + " no control group, so what "
                + (one ? "it" : "they") + " caused cannot be told apart from what "
                + (one ? "its audience" : "their audiences") + " would have bought anyway: the redemptions and revenue"
                + " are what happened, not an effect");
    }

    private static void addUplift(Map<String, Object> row, Promotion p, MeasuredUplift m) {
        p.controlShare().ifPresent(share -> row.put("control_share", share));
        if (!m.isMeasured()) {
            return;
        }
        row.put("treated_members", BigDecimal.valueOf(m.treated()));
        row.put("control_members", BigDecimal.valueOf(m.control()));
        row.put("treated_conversion", rounded(m.treatedConversion(), 4));
        row.put("control_conversion", rounded(m.controlConversion(), 4));
        row.put("uplift", rounded(m.uplift().estimate(), 4));
        row.put("uplift_low", rounded(m.uplift().low(), 4));
        row.put("uplift_high", rounded(m.uplift().high(), 4));
        row.put("revenue_per_treated", rounded(m.treatedRevenuePerMember(), 2));
        row.put("revenue_per_control", rounded(m.controlRevenuePerMember(), 2));
        row.put("revenue_uplift", rounded(m.revenueUplift().estimate(), 2));
        row.put("revenue_uplift_low", rounded(m.revenueUplift().low(), 2));
        row.put("revenue_uplift_high", rounded(m.revenueUplift().high(), 2));
    }

    /**
     * Orders every promotion best first and says by what: measured uplift (the effect itself) for those with
     * a measured control group, then the rest by completed revenue, which is not an effect (those orders
     * might have happened anyway); "best" is never silently another measure.
     */
    private static String rankBestFirst(List<Map<String, Object>> rows) {
        java.util.Comparator<Map<String, Object>> byUplift = java.util.Comparator.comparing(
                r -> (BigDecimal) r.get("uplift"), java.util.Comparator.reverseOrder());
        List<Map<String, Object>> measured = new ArrayList<>(rows.stream().filter(r -> r.containsKey("uplift")).toList());
        List<Map<String, Object>> rest = new ArrayList<>(rows.stream().filter(r -> !r.containsKey("uplift")).toList());
        measured.sort(byUplift);
        rest.sort(java.util.Comparator.comparing(r -> (BigDecimal) r.get("revenue"), java.util.Comparator.reverseOrder()));
        rows.clear();
        rows.addAll(measured);
        rows.addAll(rest);
        StringBuilder b = new StringBuilder(", best first");
        if (!measured.isEmpty()) {
            Map<String, Object> top = measured.get(0);
            b.append(": ranked by measured uplift (treated minus control conversion) for the ").append(measured.size())
                    .append(" with a control group, best ").append(top.get("code")).append(" at ")
                    .append(points((BigDecimal) top.get("uplift"))).append(" points (95% interval ")
                    .append(points((BigDecimal) top.get("uplift_low"))).append(" to ")
                    .append(points((BigDecimal) top.get("uplift_high"))).append(")");
            if (!rest.isEmpty()) {
                b.append("; the other ").append(rest.size()).append(" by completed revenue, which is not measured uplift,"
                        + " best ").append(rest.get(0).get("code")).append(" with ")
                        .append(((BigDecimal) rest.get(0).get("revenue")).toPlainString());
            }
        } else {
            b.append(": ranked by completed revenue (no promotion has a measured control group, so no uplift), best ")
                    .append(rest.get(0).get("code")).append(" with ").append(((BigDecimal) rest.get(0).get("revenue"))
                    .toPlainString());
        }
        return b.toString();
    }

    private static String points(BigDecimal share) {
        return share.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal rounded(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private static Map<String, Object> row(Promotion p, PromotionResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("status", p.status().jsonName());
        m.put("discount_type", p.discountType().jsonName());
        m.put("discount_value", PromotionRow.money(p.discountValue()));
        m.put("starts_at", p.startsAt().toString());
        m.put("ends_at", p.endsAt().toString());
        m.put("redemptions", BigDecimal.valueOf(r.redemptions()));
        m.put("customers", BigDecimal.valueOf(r.customers()));
        m.put("completed_orders", BigDecimal.valueOf(r.completedOrders()));
        m.put("revenue", r.revenue());
        r.averageOrderValue().ifPresent(v -> m.put("average_order_value", v));
        m.put("discount_cost", r.discountCost());
        m.put("budget", PromotionRow.money(p.budget()));
        m.put("budget_used", PromotionRow.money(p.budgetUsed()));
        if (p.budget().signum() > 0) {
            m.put("budget_used_share", p.budgetUsed().divide(p.budget(), 4, RoundingMode.HALF_UP));
        }
        m.put("max_redemptions", BigDecimal.valueOf(p.maxRedemptions()));
        return m;
    }

    private static String summary(List<Map<String, Object>> rows) {
        if (rows.size() == 1) {
            Map<String, Object> r = rows.get(0);
            return "Performance of " + r.get("code") + ": " + r.get("redemptions") + " redemptions, revenue "
                    + ((BigDecimal) r.get("revenue")).toPlainString() + ", discount cost "
                    + ((BigDecimal) r.get("discount_cost")).toPlainString();
        }
        return "Performance of " + rows.size() + " promotions";
    }
}
