package io.promoagent.schema.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The words people read for the names of a data model: a field's {@link Field#label() label}, a readable
 * form of any other name ("order_date" → "order date", "customer.segment" → "customer segment") and counts
 * with their noun in the right number ("1 customer", "17 customers").
 */
public final class Labels {

    private Labels() {
    }

    /** "order_date" → "order date", "totalSpent" → "total spent", "customer.segment" → "customer segment". */
    public static String readable(String name) {
        Objects.requireNonNull(name, "name");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.\\s]+", " ").trim()
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The label of a field of {@code entity}, or of a path through its relationships: "segment" of customers
     * is that field's label, "customer.segment" of orders is "customer" followed by it. A name the model does
     * not know (an aggregate's alias) is made readable.
     */
    public static String of(DataModel model, String entity, String path) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        String[] steps = path.split("\\.");
        StringBuilder label = new StringBuilder();
        String at = entity;
        for (int i = 0; i < steps.length - 1 && at != null; i++) {
            Optional<Navigation> next = model.navigation(at, steps[i]);
            label.append(readable(steps[i])).append(' ');
            at = next.map(Navigation::to).orElse(null);
        }
        String last = steps[steps.length - 1];
        String field = Optional.ofNullable(at).flatMap(model::entity).flatMap(e -> e.field(last))
                .map(Field::label).orElseGet(() -> readable(last));
        return label.append(field).toString();
    }

    /** A count with its noun: {@code count(1, "customers")} is "1 customer", {@code count(17, "customers")} "17 customers". */
    public static String count(long n, String pluralNoun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? singular(pluralNoun) : pluralNoun);
    }

    /**
     * A number as people read it: grouped thousands, two decimals for a fractional amount ("5,168.00",
     * "80.67"), up to four for a fraction below one ("0.0394"), none for a whole count ("1,250").
     */
    public static String number(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        if (value.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", value.toBigInteger());
        }
        if (value.abs().compareTo(BigDecimal.ONE) < 0) {
            return value.setScale(Math.min(value.scale(), 4), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%,.2f", value.setScale(2, RoundingMode.HALF_UP));
    }

    /** "customers" → "customer", "categories" → "category", "addresses" → "address"; a word not in -s is kept. */
    public static String singular(String pluralNoun) {
        String w = pluralNoun;
        if (w.endsWith("ies") && w.length() > 3) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("shes") || w.endsWith("ches") || w.endsWith("xes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
