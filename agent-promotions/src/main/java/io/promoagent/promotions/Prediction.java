package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a promotion is predicted to do, each figure with an 80 % interval, from a model fitted on past
 * promotions (redemptions) and on their control groups (uplift). A figure the history cannot support is
 * empty, and {@link #notes} says why in plain words.
 *
 * @param redemptions        orders expected to carry the code
 * @param incrementalOrders  orders the offer causes: audience members who order because of it
 * @param incrementalRevenue revenue of those orders
 * @param discountCost       the discount granted on all redemptions, caused or not
 * @param returnOnDiscount   incremental revenue per unit of discount cost
 * @param learnedFrom        the past promotions the redemption model was fitted on
 * @param upliftLearnedFrom  the past promotions whose control groups the uplift model was fitted on
 */
public record Prediction(Optional<Range> redemptions, Optional<Range> incrementalOrders,
        Optional<Range> incrementalRevenue, Optional<Range> discountCost, Optional<Range> returnOnDiscount,
        List<String> learnedFrom, List<String> upliftLearnedFrom, List<String> notes) {

    public Prediction {
        learnedFrom = List.copyOf(learnedFrom);
        upliftLearnedFrom = List.copyOf(upliftLearnedFrom);
        notes = List.copyOf(notes);
    }

    /** A predicted value with its 80 % interval. */
    public record Range(double low, double base, double high) {
        public boolean covers(double value) {
            return low <= value && value <= high;
        }
    }

    /**
     * The prediction in a clause for a change set's summary, as the CLI and the approval card show it:
     * "; predicted 26 redemptions (10 to 63), 14 incremental orders (7 to 21), return 2.7 (0.5 to 10.1) per unit
     * of discount (80% intervals)", or why there is none.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        redemptions.ifPresent(r -> parts.add(whole(r) + " redemptions"));
        incrementalOrders.ifPresent(r -> parts.add(whole(r) + " incremental orders"));
        returnOnDiscount.ifPresent(r -> parts.add(String.format(Locale.ROOT,
                "return %.1f (%.1f to %.1f) per unit of discount", r.base(), r.low(), r.high())));
        if (parts.isEmpty()) {
            return notes.isEmpty() ? "" : "; no prediction: " + notes.get(0);
        }
        return "; predicted " + String.join(", ", parts) + " (80% intervals)";
    }

    private static String whole(Range r) {
        return Math.round(r.base()) + " (" + Math.round(r.low()) + " to " + Math.round(r.high()) + ")";
    }

    /** The prediction as the preview shows it. */
    public ObjectNode toJson() {
        ObjectNode out = JsonValues.F.objectNode();
        out.put("interval", "80%");
        put(out, "redemptions", redemptions, 0);
        put(out, "incremental_orders", incrementalOrders, 1);
        put(out, "incremental_revenue", incrementalRevenue, 2);
        put(out, "discount_cost", discountCost, 2);
        put(out, "return_on_discount", returnOnDiscount, 2);
        ArrayNode from = out.putArray("learned_from");
        learnedFrom.forEach(from::add);
        ArrayNode upliftFrom = out.putArray("uplift_learned_from");
        upliftLearnedFrom.forEach(upliftFrom::add);
        ArrayNode said = out.putArray("notes");
        notes.forEach(said::add);
        return out;
    }

    private static void put(ObjectNode out, String name, Optional<Range> range, int decimals) {
        range.ifPresent(r -> {
            ObjectNode node = out.putObject(name);
            node.put("low", round(r.low(), decimals));
            node.put("base", round(r.base(), decimals));
            node.put("high", round(r.high(), decimals));
        });
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
