package io.promoagent.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.change.ChangeSet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an approver needs to decide, in the order they need it: a one-line summary, the counts (audience and
 * reachable, recipients and skipped, records affected), the predicted figures with their ranges as people
 * read them (money with two decimals and grouping, shares as percentages), and the warnings. Everything
 * else in the preview is detail, shown on demand. The CLI's approval view and the approval requests sent to
 * approvers are made from it, so they say the same in the same order as the page's card.
 *
 * <p>The figures come from the preview's conventional keys: {@code impact.audience}, {@code
 * impact.redemptions} and {@code impact.cost} (an impact estimate), {@code prediction} (a model's prediction with
 * its interval and what it could not predict), {@code recipients}, {@code skipped} and
 * {@code alreadyReceived} (a send), {@code from}/{@code to} (a status change) and {@code warnings}; a
 * preview without them gives a card of the summary and the affected count.
 *
 * @param summary  the change in one line
 * @param counts   who or what it touches, one line each
 * @param figures  what it is predicted to do, one line each, ranges included
 * @param warnings what the approver should weigh, one line each
 */
public record ApprovalCard(String summary, List<String> counts, List<String> figures, List<String> warnings) {

    public ApprovalCard {
        Objects.requireNonNull(summary, "summary");
        counts = List.copyOf(counts);
        figures = List.copyOf(figures);
        warnings = List.copyOf(warnings);
    }

    /** The card of an approval, with money written with {@code currencySymbol} ("$", "€ ", or "" for none). */
    public static ApprovalCard of(ApprovalRecord record, String currencySymbol) {
        return of(record.changeSet(), record.affectedCount(), currencySymbol);
    }

    /** The card of a change set, as {@link #of(ApprovalRecord, String)}. */
    public static ApprovalCard of(ChangeSet changeSet, int affectedCount, String currencySymbol) {
        return of(changeSet.summary(), affectedCount, changeSet.preview(), currencySymbol);
    }

    /**
     * The card of a change set known by its summary, affected count and preview (as an API or a reply block
     * gives them), as {@link #of(ApprovalRecord, String)}.
     */
    public static ApprovalCard of(String summary, int affectedCount, JsonNode preview, String currencySymbol) {
        List<String> counts = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        JsonNode impact = preview.path("impact");
        JsonNode audience = impact.path("audience");
        if (audience.has("size")) {
            counts.add("Audience: " + people(audience.path("size").asLong(), "customer")
                    + (audience.path("reachable").isNumber() ? ", " + whole(audience.path("reachable").asLong())
                    + " reachable by e-mail" : ""));
        }
        if (preview.has("recipients")) {
            long skipped = preview.path("skippedTotal").asLong();
            counts.add("Recipients: " + people(preview.path("recipients").asLong(), "customer")
                    + (skipped > 0 ? "; " + whole(skipped) + " left out (" + reasons(preview.path("skipped")) + ")" : ""));
        }
        if (preview.has("alreadyReceived") && preview.path("alreadyReceived").asLong() > 0) {
            long again = preview.path("alreadyReceived").asLong();
            counts.add(whole(again) + " already received an e-mail about it and are left out; resend to them?"
                    + " (propose the send again with resend)");
        }
        if (preview.has("from") && preview.has("to")) {
            counts.add("Status: " + preview.path("from").asText() + " \u2192 " + preview.path("to").asText());
        }
        if (counts.isEmpty()) {
            counts.add("Affects " + people(affectedCount, "record"));
        }
        JsonNode redemptions = impact.path("redemptions");
        if (redemptions.has("base")) {
            figures.add("Predicted redemptions: " + whole(redemptions.path("base").asLong()) + range(redemptions,
                    n -> whole(n.asLong())));
        }
        JsonNode cost = impact.path("cost");
        if (cost.has("base")) {
            String line = "Predicted cost: " + money(cost.path("base"), currencySymbol)
                    + range(cost, n -> money(n, currencySymbol));
            if (cost.has("budget") && decimal(cost.path("budget")).signum() > 0) {
                line += " of a " + money(cost.path("budget"), currencySymbol) + " budget";
                if (cost.has("base_share_of_budget")) {
                    line += " (" + percent(cost.path("base_share_of_budget")) + ")";
                }
            }
            figures.add(line);
        }
        figures.addAll(prediction(preview.path("prediction"), currencySymbol));
        List<String> warnings = new ArrayList<>();
        preview.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new ApprovalCard(summary, counts, figures, warnings);
    }

    /**
     * A prediction ({@code prediction} of a preview: figures as {@code low}, {@code base}, {@code high} of the
     * interval it names) in plain words, "Prediction: 12 to 30 redemptions (80 % interval), most likely 19",
     * then what it learned from, then each figure it could not predict and why.
     */
    private static List<String> prediction(JsonNode p, String symbol) {
        List<String> lines = new ArrayList<>();
        if (!p.isObject()) {
            return lines;
        }
        String interval = p.path("interval").asText("80%").replace("%", " %") + " interval";
        Function<JsonNode, String> count = n -> whole(Math.round(n.asDouble()));
        Function<JsonNode, String> cash = n -> money(n, symbol);
        Function<JsonNode, String> ratio = n -> new DecimalFormat("#,##0.0",
                DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n.asDouble());
        predicted(p.path("redemptions"), "redemptions", count, interval, lines);
        predicted(p.path("incremental_orders"), "incremental orders caused by the offer", count, interval, lines);
        predicted(p.path("incremental_revenue"), "incremental revenue", cash, interval, lines);
        predicted(p.path("discount_cost"), "discount cost", cash, interval, lines);
        predicted(p.path("return_on_discount"), "return per " + symbol + "1 of discount", ratio, interval, lines);
        int from = p.path("learned_from").size();
        int upliftFrom = p.path("uplift_learned_from").size();
        if (!lines.isEmpty()) {
            lines.add("Learned from " + people(from, "past promotion") + (upliftFrom > 0 ? ", the effect from "
                    + people(upliftFrom, "control group") : ""));
        }
        p.path("notes").forEach(n -> lines.add("Not predicted: " + n.asText()));
        return lines;
    }

    private static void predicted(JsonNode range, String what, Function<JsonNode, String> format,
                                  String interval, List<String> lines) {
        if (range.has("low") && range.has("base") && range.has("high")) {
            lines.add("Prediction: " + format.apply(range.path("low")) + " to " + format.apply(range.path("high")) + " "
                    + what + " (" + interval + "), most likely " + format.apply(range.path("base")));
        }
    }

    /** The card as lines of text: summary, counts, figures, then warnings, each warning marked. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(summary);
        out.addAll(counts);
        out.addAll(figures);
        warnings.forEach(w -> out.add("Warning: " + w));
        return out;
    }

    private static String range(JsonNode n, Function<JsonNode, String> format) {
        if (!n.has("low") || !n.has("high")) {
            return "";
        }
        return " (likely " + format.apply(n.path("low")) + " to " + format.apply(n.path("high")) + ")";
    }

    private static String reasons(JsonNode skipped) {
        List<String> parts = new ArrayList<>();
        skipped.fields().forEachRemaining(e -> parts.add(whole(e.getValue().asLong()) + " "
                + e.getKey().replace('_', ' ').toLowerCase(Locale.ROOT)));
        return parts.isEmpty() ? "consent or address" : String.join(", ", parts);
    }

    private static String people(long n, String noun) {
        return whole(n) + " " + noun + (n == 1 ? "" : "s");
    }

    private static String whole(long n) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
    }

    private static String money(JsonNode n, String symbol) {
        BigDecimal v = decimal(n).setScale(2, RoundingMode.HALF_UP);
        String digits = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v.abs());
        return (v.signum() < 0 ? "-" : "") + symbol + digits;
    }

    private static String percent(JsonNode share) {
        BigDecimal p = decimal(share).movePointRight(2).setScale(0, RoundingMode.HALF_UP);
        return p.toPlainString() + "%";
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isNumber() ? n.decimalValue() : Optional.ofNullable(n.asText(null)).filter(t -> t.matches("-?\\d+(\\.\\d+)?"))
                .map(BigDecimal::new).orElse(BigDecimal.ZERO);
    }
}
