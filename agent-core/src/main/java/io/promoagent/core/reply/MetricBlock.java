package io.promoagent.core.reply;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One number with its label: a count, a total, an average.
 *
 * @param label what the number is ("count of customers", "revenue")
 * @param value the exact value; null when it is undefined (the average of no records)
 */
public record MetricBlock(String label, BigDecimal value) implements Block {

    public MetricBlock {
        Objects.requireNonNull(label, "label");
    }
}
