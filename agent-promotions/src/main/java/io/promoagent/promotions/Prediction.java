package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
